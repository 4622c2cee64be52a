package org.liudong.sites;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class FourOnesRulesTests {

    private static final BigDecimal TARGET = new BigDecimal("0.90");

    @Test
    void ledgerCoverageOf89point9PercentIsNotMetAnd90PercentIs() {
        var below = FourOnesRules.ledger(899, 899, 1000, TARGET);
        var at = FourOnesRules.ledger(900, 900, 1000, TARGET);

        assertThat(below.met()).isFalse();
        assertThat(below.coverage()).isEqualByComparingTo("0.899");
        assertThat(below.missing()).containsExactly("COVERAGE_LOW");
        assertThat(at.met()).isTrue();
        assertThat(at.coverage()).isEqualByComparingTo("0.9");
        assertThat(at.missing()).isEmpty();
    }

    @Test
    void ledgerCountsOnlyRecordsKeptCurrentAndSaysWhenSomeAreStale() {
        var ledger = FourOnesRules.ledger(950, 899, 1000, TARGET);

        assertThat(ledger.met()).isFalse();
        assertThat(ledger.missing()).containsExactly("COVERAGE_LOW", "RECORDS_STALE");
    }

    @Test
    void ledgerWithoutEstimatedHeadcountIsNotMet() {
        assertThat(FourOnesRules.ledger(5, 5, null, TARGET).missing()).containsExactly("NO_HEADCOUNT");
        assertThat(FourOnesRules.ledger(5, 5, 0, TARGET).met()).isFalse();
    }

    @Test
    void publicityUpdated90DaysAgoIsInTimeAnd91DaysAgoIsNot() {
        LocalDate asOf = LocalDate.of(2013, 12, 31);

        var day90 = FourOnesRules.publicity(asOf.minusDays(90), asOf, 90);
        var day91 = FourOnesRules.publicity(asOf.minusDays(91), asOf, 90);

        assertThat(day90.met()).isTrue();
        assertThat(day90.daysSince()).isEqualTo(90);
        assertThat(day91.met()).isFalse();
        assertThat(day91.missing()).containsExactly("OUT_OF_DATE");
        assertThat(FourOnesRules.publicity(null, asOf, 90).missing()).containsExactly("NEVER_UPDATED");
    }

    @Test
    void organisationNeedsANamedHeadAndStaffAndNoVacantPost() {
        LocalDate since = LocalDate.of(2012, 1, 1);
        var head = new SiteMember(1, 1, SiteMember.Kind.HEAD, "站长", "张站长", null, since, null);
        var staff = new SiteMember(2, 1, SiteMember.Kind.STAFF, "信息员", "李信息", null, since, null);
        var vacant = new SiteMember(3, 1, SiteMember.Kind.STAFF, "协管员", null, null, since, null);
        var volunteer = new SiteMember(4, 1, SiteMember.Kind.VOLUNTEER, "志愿者", "王志愿", null, since, null);

        assertThat(FourOnesRules.organisation(List.of(head, staff, volunteer)).met())
                .isTrue();
        assertThat(FourOnesRules.organisation(List.of(head)).missing()).containsExactly("NO_STAFF");
        assertThat(FourOnesRules.organisation(List.of(staff)).missing()).containsExactly("NO_HEAD");
        var withVacancy = FourOnesRules.organisation(List.of(head, staff, vacant));
        assertThat(withVacancy.met()).isFalse();
        assertThat(withVacancy.vacant()).containsExactly("协管员");
    }

    @Test
    void aPastYearIsJudgedOnItsLastDayAndTheCurrentYearToday() {
        LocalDate today = LocalDate.of(2025, 6, 1);

        assertThat(FourOnesRules.asOf(2013, today)).isEqualTo(LocalDate.of(2013, 12, 31));
        assertThat(FourOnesRules.asOf(2025, today)).isEqualTo(today);
    }

    @Test
    void rolloutTargetsAre40_70_100PercentFrom2012AndNoneBefore() {
        var properties = new SitesProperties(
                90,
                TARGET,
                java.util.Map.of(2012, new BigDecimal("0.40"), 2013, new BigDecimal("0.70"), 2014, BigDecimal.ONE));

        assertThat(properties.rolloutTarget(2011)).isNull();
        assertThat(properties.rolloutTarget(2012)).isEqualByComparingTo("0.40");
        assertThat(properties.rolloutTarget(2013)).isEqualByComparingTo("0.70");
        assertThat(properties.rolloutTarget(2016)).isEqualByComparingTo("1");
    }
}
