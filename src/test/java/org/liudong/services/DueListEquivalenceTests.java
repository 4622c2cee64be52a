package org.liudong.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.liudong.eligibility.ServiceEligibility;
import org.liudong.eligibility.ServiceRules;
import org.liudong.org.OrgUnits;
import org.liudong.registry.PersonFacts;
import org.liudong.registry.PersonFactsQueries;
import org.liudong.security.Role;
import org.liudong.security.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.annotation.Transactional;

/**
 * The due list reads only the services the rules look at and writes reasons only for those due; over demo
 * services it must list exactly what judging every rule over every service lists. Rolled back afterwards.
 */
@SpringBootTest
@Transactional
class DueListEquivalenceTests {

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

    @Test
    void theDueListIsWhatEveryRuleOverEveryServiceSaysIsDue() {
        String community = "110107002001";
        List<Long> ids = new ArrayList<>(Population.insert(
                jdbc, community, orgUnits.get(community).path().value(), 600));
        demo.generate(5, new Random(5), ids);
        var user = users.ready("dueequal", Role.DISTRICT_OFFICER, "110107");
        users.signIn(user.username());
        try {
            for (YearMonth month : List.of(YearMonth.of(2011, 9), YearMonth.of(2012, 12), YearMonth.of(2013, 6))) {
                LocalDate end = month.atEndOfMonth();
                List<PersonFacts> scope =
                        persons.familyPlanningScope(orgUnits.get(community).path());
                var given = records.given(scope.stream().map(PersonFacts::id).toList());
                Set<String> expected = new TreeSet<>();
                for (PersonFacts person : scope) {
                    var facts = ServiceDelivery.facts(person, given.getOrDefault(person.id(), List.of()));
                    for (ServiceEligibility e : rules.assess(facts, end)) {
                        if (e.dueBy(end)) {
                            expected.add(person.id() + "/" + e.service() + "/" + e.dueSince() + "/"
                                    + String.join("；", e.reasons()));
                        }
                    }
                }
                Set<String> listed = new TreeSet<>();
                dueLists.due(community, month, "test")
                        .items()
                        .forEach(i ->
                                listed.add(i.personId() + "/" + i.service() + "/" + i.dueSince() + "/" + i.reason()));

                assertThat(listed).as("due in %s", month).isNotEmpty().isEqualTo(expected);
            }
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
