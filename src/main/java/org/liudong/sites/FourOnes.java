package org.liudong.sites;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A site's "four ones" (四个一) for a year, as of a date: one complete ledger, one organisation, one
 * publicity position updated in time, one caring service; each says whether it is met and what is missing.
 */
public record FourOnes(
        long siteId,
        int year,
        LocalDate asOf,
        Ledger ledger,
        Organisation organisation,
        Publicity publicity,
        Service service,
        boolean allMet) {

    public FourOnes(
            long siteId,
            int year,
            LocalDate asOf,
            Ledger ledger,
            Organisation organisation,
            Publicity publicity,
            Service service) {
        this(
                siteId,
                year,
                asOf,
                ledger,
                organisation,
                publicity,
                service,
                ledger.met() && organisation.met() && publicity.met() && service.met());
    }

    /**
     * 一本完善的台帐: the records kept current (changed or verified within 12 months) of persons living at the
     * site, over its estimated headcount; {@code coverage} is that share, {@code target} the required one.
     */
    public record Ledger(
            boolean met,
            BigDecimal coverage,
            BigDecimal target,
            Integer headcount,
            int registered,
            int updated,
            List<String> missing) {}

    /** 一套严谨的组织机构: a named head and at least one named staff member, no post vacant. */
    public record Organisation(
            boolean met, String head, int staff, int volunteers, List<String> vacant, List<String> missing) {}

    /** 一处新颖的宣传阵地: the last update of the publicity position within the configured days. */
    public record Publicity(boolean met, LocalDate lastUpdated, Long daysSince, int periodDays, List<String> missing) {}

    /** 一项贴心的服务: at least one activity in the year, up to the as-of date. */
    public record Service(boolean met, int activities, List<String> missing) {}

    /** The missing items' codes, e.g. {@code ledger.COVERAGE_LOW}, for drill-downs. */
    public List<String> missing() {
        List<String> all = new ArrayList<>();
        ledger.missing().forEach(code -> all.add("ledger." + code));
        organisation.missing().forEach(code -> all.add("organisation." + code));
        publicity.missing().forEach(code -> all.add("publicity." + code));
        service.missing().forEach(code -> all.add("service." + code));
        return all;
    }
}
