package org.liudong.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.liudong.eligibility.ServiceEligibility;
import org.liudong.eligibility.ServiceRules;
import org.liudong.org.OrgUnits;
import org.liudong.registry.PersonFacts;
import org.liudong.registry.PersonFactsQueries;
import org.liudong.security.Role;
import org.liudong.security.TestUsers;
import org.liudong.support.BenchmarkReport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Due-list time for a street of the demo district's size (八宝山, 25,000 persons in the family-planning scope
 * with three years of demo services). Beside it, in the same run: the earlier way of computing the same list
 * (every service of every person read, every rule of every service judged with its reasons, then filtered),
 * which must give the same list, and a plain count of the same persons. Run with
 * {@code ./mvnw -Pbench verify -Dtest=DueListBenchmark [-Dbench.due.persons=25000] [-Dbench.due.runs=20]}.
 */
@Tag("bench")
@SpringBootTest
class DueListBenchmark {

    private static final int PERSONS = Integer.getInteger("bench.due.persons", 25_000);
    private static final int RUNS = Integer.getInteger("bench.due.runs", 20);
    private static final YearMonth MONTH = YearMonth.of(2013, 6);

    @Autowired
    DueLists dueLists;

    @Autowired
    ServiceDemo demo;

    @Autowired
    OrgUnits orgUnits;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestUsers users;

    @Autowired
    PersonFactsQueries persons;

    @Autowired
    ServiceRecords records;

    @Autowired
    ServiceRules rules;

    /** The due list as the first version computed it: all services read, all rules judged, then filtered. */
    Set<String> earlierWay() {
        LocalDate end = MONTH.atEndOfMonth();
        List<PersonFacts> scope =
                persons.familyPlanningScope(orgUnits.get("110107001").path());
        var given = records.given(scope.stream().map(PersonFacts::id).toList());
        Set<String> due = new TreeSet<>();
        for (PersonFacts person : scope) {
            var facts = ServiceDelivery.facts(person, given.getOrDefault(person.id(), List.of()));
            for (ServiceEligibility e : rules.assess(facts, end)) {
                if (e.dueBy(end)) {
                    due.add(person.id() + "/" + e.service() + "/" + e.dueSince() + "/" + String.join("；", e.reasons()));
                }
            }
        }
        return due;
    }

    Set<String> dueList() {
        Set<String> due = new TreeSet<>();
        dueLists.due("110107001", MONTH, "bench")
                .items()
                .forEach(i -> due.add(i.personId() + "/" + i.service() + "/" + i.dueSince() + "/" + i.reason()));
        return due;
    }

    /** Median and 95th percentile (nearest rank) in ms of {@code RUNS} timed calls after two warm-up calls. */
    static long[] time(Supplier<?> call) {
        call.get();
        call.get();
        long[] times = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long t = System.nanoTime();
            call.get();
            times[i] = (System.nanoTime() - t) / 1_000_000;
        }
        Arrays.sort(times);
        return new long[] {times[(RUNS - 1) / 2], times[(int) Math.ceil(RUNS * 0.95) - 1]};
    }

    @Test
    void dueListOfAStreet() {
        String path = orgUnits.get("110107001003").path().value();
        List<Long> ids = new ArrayList<>();
        for (int done = 0; done < PERSONS; done += 5000) {
            ids.addAll(Population.insert(jdbc, "110107001003", path, Math.min(5000, PERSONS - done)));
        }
        long start = System.nanoTime();
        int services = demo.generate(11, new Random(11), ids);
        long demoMillis = (System.nanoTime() - start) / 1_000_000;
        // as autovacuum would have done long before anyone reads a due list of a loaded district
        for (String table : List.of("person", "person_child", "residence_episode", "service_record")) {
            org.liudong.support.SharedTestDatabase.owner()
                    .sql("analyze " + table)
                    .update();
        }
        var user = users.ready("duebench", Role.DISTRICT_OFFICER, "110107");
        users.signIn(user.username());
        try {
            Set<String> now = dueList();
            Set<String> before = earlierWay();
            assertThat(now).isNotEmpty().isEqualTo(before);
            long[] due = time(this::dueList);
            long[] earlier = time(this::earlierWay);
            var street = orgUnits.get("110107001").path();
            List<PersonFacts> scope = persons.familyPlanningScope(street);
            List<Long> scopeIds = scope.stream().map(PersonFacts::id).toList();
            var given = records.givenForRules(scopeIds);
            LocalDate end = MONTH.atEndOfMonth();
            long[] factsPart = time(() -> persons.familyPlanningScope(street));
            long[] givenPart = time(() -> records.givenForRules(scopeIds));
            long[] rulesPart = time(() -> {
                int n = 0;
                for (PersonFacts person : scope) {
                    n += rules.due(ServiceDelivery.facts(person, given.getOrDefault(person.id(), List.of())), end)
                            .size();
                }
                return n;
            });
            String like = orgUnits.get("110107001").path().value() + "%";
            long[] count = time(() -> jdbc.sql("select count(*) from person where org_path like ? and status = 'ACTIVE'"
                            + " and category = 'FLOATING_FP'")
                    .param(like)
                    .query(Long.class)
                    .single());
            long inScope = jdbc.sql("select count(*) from person where org_path like ? and category = 'FLOATING_FP'")
                    .param(like)
                    .query(Long.class)
                    .single();
            BenchmarkReport.section("Due lists", """
                    Street 八宝山 (110107001), month %s: %,d persons in the family-planning scope, %,d demo
                    services 2011–2013 for the %,d synthetic ones (generated in %,d ms; tables analysed after
                    loading). %d timed calls each after two warm-up calls, on %d available processors.

                    | what | median | p95 |
                    |---|---|---|
                    | due list (`DueLists.due`: persons' facts, the services the rules look at, rules with reasons only for those due; %,d rows) | %,d ms | %,d ms |
                    | … of which the persons' facts (`PersonFactsQueries.familyPlanningScope`) | %,d ms | %,d ms |
                    | … of which the services the rules look at (`ServiceRecords.givenForRules`) | %,d ms | %,d ms |
                    | … of which the rules (`ServiceRules.due` over the loaded facts) | %,d ms | %,d ms |
                    | the earlier way, same list (every service of every person, every rule with its reasons, then filtered) | %,d ms | %,d ms |
                    | baseline: `count(*)` of the same persons | %,d ms | %,d ms |

                    Both ways give the same %,d rows (checked in the run). The first version measured 1,380 ms
                    (median of 5) on an idle machine.
                    """.formatted(
                            MONTH,
                            inScope,
                            services,
                            PERSONS,
                            demoMillis,
                            RUNS,
                            Runtime.getRuntime().availableProcessors(),
                            now.size(),
                            due[0],
                            due[1],
                            factsPart[0],
                            factsPart[1],
                            givenPart[0],
                            givenPart[1],
                            rulesPart[0],
                            rulesPart[1],
                            earlier[0],
                            earlier[1],
                            count[0],
                            count[1],
                            now.size()));
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
