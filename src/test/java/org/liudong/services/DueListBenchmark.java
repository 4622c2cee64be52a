package org.liudong.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.liudong.org.OrgUnits;
import org.liudong.security.LiudongUser;
import org.liudong.security.Role;
import org.liudong.security.TestUsers;
import org.liudong.support.BenchmarkReport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * Due-list time for a street of the demo district's size (八宝山, 25,000 persons in the family-planning scope
 * with three years of demo services), beside a plain count of the same persons as the baseline. Run with
 * {@code ./mvnw -Pbench verify -Dtest=DueListBenchmark [-Dbench.due.persons=25000]}.
 */
@Tag("bench")
@SpringBootTest
class DueListBenchmark {

    private static final int PERSONS = Integer.getInteger("bench.due.persons", 25_000);

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
    UserDetailsService userDetails;

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
        var user = users.ready("duebench", Role.DISTRICT_OFFICER, "110107");
        var principal = (LiudongUser) userDetails.loadUserByUsername(user.username());
        SecurityContextHolder.getContext()
                .setAuthentication(
                        UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities()));
        try {
            long[] times = new long[5];
            int rows = 0;
            for (int i = 0; i < times.length; i++) {
                long t = System.nanoTime();
                rows = dueLists.due("110107001", YearMonth.of(2013, 6), "bench")
                        .items()
                        .size();
                times[i] = (System.nanoTime() - t) / 1_000_000;
            }
            long[] base = new long[5];
            for (int i = 0; i < base.length; i++) {
                long t = System.nanoTime();
                jdbc.sql("select count(*) from person where org_path like ? and status = 'ACTIVE'"
                                + " and category = 'FLOATING_FP'")
                        .param(orgUnits.get("110107001").path().value() + "%")
                        .query(Long.class)
                        .single();
                base[i] = (System.nanoTime() - t) / 1_000_000;
            }
            Arrays.sort(times);
            Arrays.sort(base);
            long inScope = jdbc.sql("select count(*) from person where org_path like ? and category = 'FLOATING_FP'")
                    .param(orgUnits.get("110107001").path().value() + "%")
                    .query(Long.class)
                    .single();
            assertThat(rows).isPositive();
            BenchmarkReport.section("Due lists", """
                    Street 八宝山 (110107001), month 2013-06: %,d persons in the family-planning scope, %,d demo
                    services 2011–2013 for the %,d synthetic ones (generated in %,d ms).

                    | what | median of 5 | fastest |
                    |---|---|---|
                    | due list (`DueLists.due`: facts, services, rules, %,d rows) | %,d ms | %,d ms |
                    | baseline: `count(*)` of the same persons | %,d ms | %,d ms |
                    """.formatted(
                            inScope, services, PERSONS, demoMillis, rows, times[2], times[0], base[2], base[0]));
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
