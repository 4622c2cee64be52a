package org.liudong.eligibility;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.liudong.eligibility.ServiceFacts.Given;
import org.liudong.eligibility.ServiceFacts.Stay;

/** The service rules of PRODUCT §5.3 at their edges, without Spring or a database. */
class ServiceRulesTests {

    final ServiceRules rules = new ServiceRules(
            ServiceRulesProperties.defaults(), new EligibilityProperties(18, 49, 18, 49, Set.of(), "地方规定"));

    static ServiceFacts woman(
            String marital, String contraception, List<Integer> children, List<Stay> stays, Given... given) {
        return new ServiceFacts(
                "2", LocalDate.of(1988, 5, 1), marital, contraception, children, stays, true, List.of(given));
    }

    static List<Stay> since(LocalDate movedIn) {
        return List.of(new Stay(movedIn, null, null));
    }

    @ParameterizedTest(name = "marital status {0}: married {1}")
    @CsvSource(
            nullValues = "null",
            value = {
                "20, true",
                "21, true",
                "22, true",
                "23, true",
                "10, false",
                "24, false",
                "2, false",
                "200, false",
                "30, false",
                "40, false",
                "12, false",
                "null, false"
            })
    void marriedIsTheCodesTwentyToTwentyThree(String marital, boolean married) {
        assertThat(woman(marital, "A10", List.of(), since(LocalDate.of(2012, 1, 1)))
                        .married())
                .isEqualTo(married);
    }

    @ParameterizedTest(name = "moved in {0}, checked on {1}: eligible {2}")
    @CsvSource({
        "2012-01-31, 2012-07-30, false", // 5 months 30 days
        "2012-01-31, 2012-07-31, true", // 6 months
        "2012-01-01, 2012-06-30, false", // 5 months 29 days
        "2012-01-01, 2012-07-01, true", // 6 months to the day
        "2012-08-31, 2013-02-28, true", // end of month: 31 Aug + 6 months is 28 Feb
        "2012-08-31, 2013-02-27, false"
    })
    void theEugenicCheckNeedsSixMonthsOfResidence(LocalDate movedIn, LocalDate on, boolean eligible) {
        var result = rules.assess(ServiceRules.EUGENIC_CHECK, woman("20", "A10", List.of(), since(movedIn)), on);

        assertThat(result.eligible()).as(result.reasons().toString()).isEqualTo(eligible);
        assertThat(String.join("", result.reasons())).contains(eligible ? "满6个月" : "不满6个月");
    }

    @Test
    void reasonsAreWrittenInChineseForTheRecordAndInTheReadersLanguageForAPage() {
        var facts = woman(null, null, List.of(), since(LocalDate.of(2012, 1, 31)));

        var check = rules.assess(ServiceRules.EUGENIC_CHECK, facts, LocalDate.of(2012, 7, 30));

        assertThat(check.eligible()).isFalse();
        assertThat(check.why()).extracting(Reason::key).contains("notMarried.unrecorded", "notResidentLongEnough");
        assertThat(check.reasons())
                .contains("未婚或婚姻状况不是已婚（未登记）", "自2012-01-31起在本区连续居住5个月30天，不满6个月（2012-07-31起可享受）")
                .isEqualTo(check.why().stream().map(Reason::text).toList());
        assertThat(check.reasonText(java.util.Locale.SIMPLIFIED_CHINESE)).isEqualTo(String.join("；", check.reasons()));
        assertThat(check.reasonText(java.util.Locale.ENGLISH))
                .contains("Not married, or marital status not married (not recorded)")
                .contains("Living in the district since 2012-01-31, for 5 months 30 days: less than 6 months"
                        + " (eligible from 2012-07-31)")
                .doesNotContainPattern("[\\u4e00-\\u9fff]");
    }

    @ParameterizedTest(name = "children {0}, checked before for order {1}: eligible {2}")
    @CsvSource({
        "'',  0, true", // first child, never checked
        "'',  1, false", // first child, already checked for it
        "'1', 1, true", // a first child born after the first check: the second child order is due
        "'1', 2, false", // second child already checked
        "'1,2', 0, false" // a third child is outside the policy
    })
    void theEugenicCheckIsOncePerChildOrderWithinPolicy(String children, int checkedOrder, boolean eligible) {
        List<Integer> orders = children.isBlank()
                ? List.of()
                : java.util.Arrays.stream(children.split(","))
                        .map(Integer::valueOf)
                        .toList();
        List<Given> given = new ArrayList<>();
        if (checkedOrder > 0) {
            given.add(new Given(ServiceRules.EUGENIC_CHECK, LocalDate.of(2011, 3, 1), checkedOrder, "NORMAL"));
        }
        var facts = woman("20", "A10", orders, since(LocalDate.of(2010, 1, 1)), given.toArray(Given[]::new));

        var result = rules.assess(ServiceRules.EUGENIC_CHECK, facts, LocalDate.of(2013, 1, 1));

        assertThat(result.eligible()).as(result.reasons().toString()).isEqualTo(eligible);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "a move within the district keeps the clock, MOVED_WITHIN, 2012-01-01, true",
        "a move out and back starts it again, MOVED_OUT, 2012-05-01, false"
    })
    void movesWithinTheDistrictDoNotResetTheResidenceClockAndAMoveOutDoes(
            String title, String endKind, LocalDate expectedSince, boolean eligible) {
        List<Stay> stays = List.of(
                new Stay(LocalDate.of(2012, 1, 1), LocalDate.of(2012, 4, 1), endKind),
                new Stay(LocalDate.of(2012, 5, 1), null, null));

        assertThat(ResidenceClock.since(stays)).contains(expectedSince);
        var result = rules.assess(
                ServiceRules.EUGENIC_CHECK, woman("21", "A10", List.of(), stays), LocalDate.of(2012, 8, 1));
        assertThat(result.eligible()).as(result.reasons().toString()).isEqualTo(eligible);
    }

    @Test
    void someoneWhoMovedOutHasNoResidenceClock() {
        var stays = List.of(new Stay(LocalDate.of(2012, 1, 1), LocalDate.of(2012, 4, 1), "MOVED_OUT"));

        assertThat(ResidenceClock.since(stays)).isEmpty();
    }

    @ParameterizedTest(name = "sex {0}, marital {1}, born {2}, contraception {3}: eligible {4}")
    @CsvSource({
        "2, 20, 1988-05-01, 700, true",
        "2, 10, 1988-05-01, 700, false", // unmarried
        "1, 20, 1988-05-01, 700, false", // a man
        "2, 22, 1963-01-02, 700, true", // 49 on the day before her 50th birthday
        "2, 22, 1963-01-01, 700, false", // 50
        "2, 20, 1988-05-01, A20, false" // pregnant
    })
    void pregnancyAndIudChecksAreForMarriedWomenOfChildbearingAge(
            String sex, String marital, LocalDate born, String contraception, boolean eligible) {
        var facts = new ServiceFacts(
                sex, born, marital, contraception, List.of(), since(LocalDate.of(2012, 1, 1)), true, List.of());

        var result = rules.assess(ServiceRules.PREGNANCY_IUD_CHECK, facts, LocalDate.of(2013, 1, 1));

        assertThat(result.eligible()).as(result.reasons().toString()).isEqualTo(eligible);
    }

    @ParameterizedTest(name = "last check {0}: due since {1}, due on 2013-01-01 {2}")
    @CsvSource({
        "'', 2012-01-01, true", // never checked: due since arrival
        "2012-07-01, 2013-01-01, true", // six months to the day
        "2012-07-02, 2013-01-02, false" // one day short of six months
    })
    void pregnancyAndIudChecksFallDueEverySixMonths(String last, LocalDate dueSince, boolean due) {
        Given[] given = last.isBlank()
                ? new Given[0]
                : new Given[] {new Given(ServiceRules.PREGNANCY_IUD_CHECK, LocalDate.parse(last), null, "NORMAL")};
        var facts = woman("20", "700", List.of(1), since(LocalDate.of(2012, 1, 1)), given);

        var result = rules.assess(ServiceRules.PREGNANCY_IUD_CHECK, facts, LocalDate.of(2013, 1, 1));

        assertThat(result.dueSince()).isEqualTo(dueSince);
        assertThat(result.dueBy(LocalDate.of(2013, 1, 1))).isEqualTo(due);
    }

    @ParameterizedTest(name = "marital {0}, method {1}: eligible {2}")
    @CsvSource({
        "20, 100, true", // oral pill
        "20, 600, true", // condom
        "20, 700, false", // IUD is long-acting
        "20, 810, false", // sterilisation
        "10, 600, false", // unmarried
        "20, '', false" // no method recorded
    })
    void freeContraceptivesAreForMarriedCouplesOnShortActingMethods(String marital, String method, boolean eligible) {
        var facts = new ServiceFacts(
                "1",
                LocalDate.of(1985, 1, 1),
                marital,
                method.isBlank() ? null : method,
                List.of(),
                since(LocalDate.of(2012, 1, 1)),
                true,
                List.of());

        assertThat(rules.assess(ServiceRules.CONTRACEPTIVES, facts, LocalDate.of(2013, 1, 1))
                        .eligible())
                .isEqualTo(eligible);
    }

    @ParameterizedTest(name = "abnormal on 2012-03-01, follow-up {0}: due since {1}")
    @CsvSource({"'', 2012-03-31", "2012-03-20, ''", "2012-02-01, 2012-03-31"})
    void anAbnormalScreeningMakesAFollowUpDueInThirtyDays(String followUp, String dueSince) {
        List<Given> given = new ArrayList<>();
        given.add(new Given("D01", LocalDate.of(2012, 3, 1), null, "ABNORMAL"));
        if (!followUp.isBlank()) {
            given.add(new Given(ServiceRules.FOLLOW_UP, LocalDate.parse(followUp), null, "NORMAL"));
        }
        var facts = woman("20", "700", List.of(), since(LocalDate.of(2011, 1, 1)), given.toArray(Given[]::new));

        var result = rules.assess(ServiceRules.FOLLOW_UP, facts, LocalDate.of(2012, 4, 1));

        assertThat(result.dueSince()).isEqualTo(dueSince.isBlank() ? null : LocalDate.parse(dueSince));
    }

    @Test
    void someoneWhoMovedOutIsEligibleForNothing() {
        var facts = new ServiceFacts(
                "2",
                LocalDate.of(1988, 5, 1),
                "20",
                "A10",
                List.of(),
                since(LocalDate.of(2010, 1, 1)),
                false,
                List.of());

        assertThat(rules.assess(facts, LocalDate.of(2013, 1, 1)))
                .allSatisfy(result -> assertThat(result.eligible()).isFalse());
    }

    @Test
    void theDueAndEligibleShortcutsAgreeWithJudgingEveryRuleOnRandomPersons() {
        var random = new java.util.Random(2013);
        String[] marital = {"10", "20", "21", "22", "23", "30", null};
        String[] methods = {"100", "600", "700", "810", "A10", "A20", null};
        String[] codes = {"B01", "B02", "C02", "D01", "D02", "D03", "A01"};
        String[] results = {null, "NORMAL", "ABNORMAL"};
        int due = 0;
        int eligible = 0;
        for (int i = 0; i < 5000; i++) {
            LocalDate on = LocalDate.of(2011, 1, 1).plusDays(random.nextInt(1100));
            List<Stay> stays = new ArrayList<>();
            LocalDate in = on.minusDays(random.nextInt(900));
            if (random.nextInt(4) == 0) {
                LocalDate out = in.plusDays(random.nextInt(200));
                stays.add(new Stay(
                        in.minusDays(300), in.minusDays(10), random.nextBoolean() ? "MOVED_WITHIN" : "MOVED_OUT"));
                stays.add(new Stay(in, random.nextInt(5) == 0 ? out : null, null));
            } else {
                stays.add(new Stay(in, null, null));
            }
            List<Given> given = new ArrayList<>();
            for (int g = random.nextInt(6); g > 0; g--) {
                given.add(new Given(
                        codes[random.nextInt(codes.length)],
                        on.minusDays(random.nextInt(800) - 30),
                        random.nextInt(3) == 0 ? 1 + random.nextInt(2) : null,
                        results[random.nextInt(results.length)]));
            }
            var facts = new ServiceFacts(
                    random.nextBoolean() ? "2" : "1",
                    LocalDate.of(1960 + random.nextInt(40), 1 + random.nextInt(12), 1 + random.nextInt(28)),
                    marital[random.nextInt(marital.length)],
                    methods[random.nextInt(methods.length)],
                    random.nextInt(3) == 0 ? List.of(1) : List.of(),
                    stays,
                    random.nextInt(10) > 0,
                    given);

            var judged = rules.assess(facts, on);
            var expected = judged.stream().filter(e -> e.dueBy(on)).toList();
            for (var each : judged) {
                assertThat(rules.eligible(each.service(), facts, on))
                        .as("case %d, %s: %s on %s", i, each.service(), facts, on)
                        .isEqualTo(each.eligible());
                eligible += each.eligible() ? 1 : 0;
            }

            assertThat(rules.due(facts, on))
                    .as("case %d: %s on %s", i, facts, on)
                    .isEqualTo(expected);
            due += expected.size();
        }
        assertThat(due).as("the random persons include some who are due").isGreaterThan(500);
        assertThat(eligible)
                .as("the random persons include some who are eligible")
                .isGreaterThan(1000);
    }
}
