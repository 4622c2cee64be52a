package org.liudong.sites;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** The four computations as pure rules over counts and dates, so their boundaries are plain to test. */
final class FourOnesRules {

    private FourOnesRules() {}

    /** Met when the current records reach the target share of the estimated headcount (89.9% is not 90%). */
    static FourOnes.Ledger ledger(int registered, int updated, Integer headcount, BigDecimal target) {
        List<String> missing = new ArrayList<>();
        BigDecimal coverage = null;
        boolean met = false;
        if (headcount == null || headcount == 0) {
            missing.add("NO_HEADCOUNT");
        } else {
            coverage = BigDecimal.valueOf(updated).divide(BigDecimal.valueOf(headcount), 4, RoundingMode.DOWN);
            // compared exactly, not on the rounded share
            met = BigDecimal.valueOf(updated).compareTo(target.multiply(BigDecimal.valueOf(headcount))) >= 0;
            if (!met) {
                missing.add("COVERAGE_LOW");
            }
            if (updated < registered) {
                missing.add("RECORDS_STALE");
            }
        }
        return new FourOnes.Ledger(met, coverage, target, headcount, registered, updated, List.copyOf(missing));
    }

    /** Met with a named head and at least one named staff member, and no vacant head or staff post. */
    static FourOnes.Organisation organisation(List<SiteMember> current) {
        String head = current.stream()
                .filter(member -> member.kind() == SiteMember.Kind.HEAD && member.name() != null)
                .map(SiteMember::name)
                .findFirst()
                .orElse(null);
        int staff = (int) current.stream()
                .filter(member -> member.kind() == SiteMember.Kind.STAFF && member.name() != null)
                .count();
        int volunteers = (int) current.stream()
                .filter(member -> member.kind() == SiteMember.Kind.VOLUNTEER && member.name() != null)
                .count();
        List<String> vacant = current.stream()
                .filter(member -> member.name() == null && member.kind() != SiteMember.Kind.VOLUNTEER)
                .map(SiteMember::duty)
                .toList();
        List<String> missing = new ArrayList<>();
        if (head == null) {
            missing.add("NO_HEAD");
        }
        if (staff == 0) {
            missing.add("NO_STAFF");
        }
        if (!vacant.isEmpty()) {
            missing.add("VACANT_POST");
        }
        return new FourOnes.Organisation(missing.isEmpty(), head, staff, volunteers, vacant, List.copyOf(missing));
    }

    /** Met when the last update on or before {@code asOf} is at most {@code days} days old (day 90 yes, 91 no). */
    static FourOnes.Publicity publicity(LocalDate lastUpdated, LocalDate asOf, int days) {
        if (lastUpdated == null) {
            return new FourOnes.Publicity(false, null, null, days, List.of("NEVER_UPDATED"));
        }
        long since = ChronoUnit.DAYS.between(lastUpdated, asOf);
        boolean met = since <= days;
        return new FourOnes.Publicity(met, lastUpdated, since, days, met ? List.of() : List.of("OUT_OF_DATE"));
    }

    /** Met with at least one activity held from 1 January of the year up to {@code asOf}. */
    static FourOnes.Service service(int activities) {
        boolean met = activities > 0;
        return new FourOnes.Service(met, activities, met ? List.of() : List.of("NO_ACTIVITY"));
    }

    /** The date a year's four ones are judged on: its last day once past, today in the current year. */
    static LocalDate asOf(int year, LocalDate today) {
        return year < today.getYear() ? LocalDate.of(year, 12, 31) : today;
    }
}
