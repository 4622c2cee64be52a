package org.liudong.services;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.liudong.indicators.MeasureFilter;
import org.liudong.indicators.MeasureSource;
import org.liudong.shared.OrgPath;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The service measures of the indicators (PRODUCT §5.4): persons served free in their place of residence,
 * by service, and the policy-awareness survey's respondents.
 */
@Component
class ServiceMeasures implements MeasureSource {

    /** Basic family-planning services: contraceptives, checks, operations, eugenic consultation and check. */
    private static final List<String> BASIC = List.of("B01", "B02", "B03", "C01", "C02");

    private static final java.time.ZoneId BEIJING = java.time.ZoneId.of("Asia/Shanghai");

    private final ServiceCounts counts;
    private final JdbcClient jdbc;

    ServiceMeasures(ServiceCounts counts, JdbcClient jdbc) {
        this.counts = counts;
        this.jdbc = jdbc;
    }

    @Override
    public Set<String> measures() {
        return Set.of(
                "SERVED_FREE",
                "FREE_PREGNANCY_CHECK",
                "FREE_CONTRACEPTIVES",
                "PREPREGNANCY_CHECK",
                "POLICY_AWARE",
                "POLICY_SURVEYED");
    }

    /** The measures of persons served free in place, with their services. */
    private static final Map<String, List<String>> SERVED = Map.of(
            "SERVED_FREE", BASIC,
            "FREE_PREGNANCY_CHECK", List.of("B02"),
            "FREE_CONTRACEPTIVES", List.of("B01"),
            "PREPREGNANCY_CHECK", List.of("C02"));

    @Override
    public long count(String measure, OrgPath path, LocalDate from, LocalDate to) {
        Optional<Long> rolled = rolledUp(measure, path, from, to);
        if (rolled.isPresent()) {
            return rolled.get();
        }
        return switch (measure) {
            case "SERVED_FREE", "FREE_PREGNANCY_CHECK", "FREE_CONTRACEPTIVES", "PREPREGNANCY_CHECK" ->
                served(path, from, to, SERVED.get(measure));
            case "POLICY_AWARE", "POLICY_SURVEYED" ->
                jdbc.sql("""
                            select count(distinct person_id) from service_record
                            where org_path like :path || '%' and provided_on between :from and :to
                              and service_code = 'A03' and (:all or result = 'AWARE')""")
                        .param("path", path.value())
                        .param("from", from)
                        .param("to", to)
                        .param("all", measure.equals("POLICY_SURVEYED"))
                        .query(Long.class)
                        .single();
            default -> throw new IllegalArgumentException("Not a service measure: " + measure);
        };
    }

    @Override
    public Map<OrgPath, Long> countEach(
            String measure, MeasureFilter filter, List<OrgPath> paths, LocalDate from, LocalDate to) {
        if (paths.stream().allMatch(path -> answers(path, from, to))) {
            // the whole year's sets of all the units in one read, then each unit's running-year correction
            Map<String, Long> years = new java.util.HashMap<>();
            jdbc.sql("""
                            select path, coalesce(sum(n), 0) from served_count
                            where tag = :tag and year = :year and path = any(:paths) group by path""")
                    .param("tag", measure)
                    .param("year", from.getYear())
                    .param("paths", paths.stream().map(OrgPath::value).toArray(String[]::new))
                    .query(rs -> {
                        years.put(rs.getString(1), rs.getLong(2));
                    });
            Map<OrgPath, Long> counts = new LinkedHashMap<>();
            paths.forEach(path ->
                    counts.put(path, years.getOrDefault(path.value(), 0L) - onlyAfter(measure, path, from, to)));
            return counts;
        }
        Optional<OrgPath> parent = MeasureSource.parentOfRest(paths);
        List<String> services = SERVED.get(measure);
        if (parent.isEmpty() || services == null) {
            return MeasureSource.super.countEach(measure, filter, paths, from, to);
        }
        // distinct persons are not additive over the children (one may be served in two streets): the parent
        // is counted on its own, the children in one grouped pass
        Map<OrgPath, Long> counts = new LinkedHashMap<>();
        counts.put(parent.get(), served(parent.get(), from, to, services));
        Map<String, Long> byChild =
                this.counts.personsServedByChild(new ServiceCounts.Query(parent.get(), from, to, services, true, true));
        for (OrgPath child : paths.subList(1, paths.size())) {
            counts.put(child, byChild.getOrDefault(child.leaf(), 0L));
        }
        return counts;
    }

    /** The services each pre-aggregated measure counts (see served_tags in migration V8_11). */
    private static final Map<String, List<String>> TAG_CODES = tagCodes();

    private static Map<String, List<String>> tagCodes() {
        Map<String, List<String>> codes = new java.util.HashMap<>(SERVED);
        codes.put("POLICY_AWARE", List.of("A03"));
        codes.put("POLICY_SURVEYED", List.of("A03"));
        return Map.copyOf(codes);
    }

    /**
     * Whether the pre-aggregated counts (served_count, migration V8_11) answer: a district or street, from the
     * 1st of January to the 31st of December, or to today or later in the running year (then the persons whose
     * records of the year all lie after that day are taken off).
     */
    private static boolean answers(OrgPath path, LocalDate from, LocalDate to) {
        boolean yearEnd = to.getMonthValue() == 12 && to.getDayOfMonth() == 31;
        return path.depth() >= 2
                && path.depth() <= 3
                && from.getDayOfYear() == 1
                && from.getYear() == to.getYear()
                && (yearEnd || !to.isBefore(LocalDate.now(BEIJING)));
    }

    /** The count from the pre-aggregated distinct persons served, whose tags are these measures' names. */
    private Optional<Long> rolledUp(String measure, OrgPath path, LocalDate from, LocalDate to) {
        if (!answers(path, from, to)) {
            return Optional.empty();
        }
        long year = jdbc.sql("select coalesce(sum(n), 0) from served_count where tag = ? and year = ? and path = ?")
                .params(measure, from.getYear(), path.value())
                .query(Long.class)
                .single();
        return Optional.of(year - onlyAfter(measure, path, from, to));
    }

    /**
     * The persons of the year's set whose records of the year all lie after {@code to}; none when {@code to}
     * ends the year. Normally no record is dated after today, so this reads next to nothing.
     */
    private long onlyAfter(String measure, OrgPath path, LocalDate from, LocalDate to) {
        LocalDate yearEnd = to.withDayOfYear(to.lengthOfYear());
        if (to.equals(yearEnd)) {
            return 0;
        }
        return jdbc.sql("""
                        select count(distinct r.person_id) from service_record r
                        where r.service_code = any(:codes) and r.provided_on > :to and r.provided_on <= :yearEnd
                          and r.org_path like :path || '%'
                          and served_tags(r.service_code, r.free, r.in_place, r.result) @> array[:tag]::text[]
                          and not exists (
                              select 1 from service_record q
                              where q.person_id = r.person_id and q.provided_on between :from and :to
                                and q.org_path like :path || '%'
                                and served_tags(q.service_code, q.free, q.in_place, q.result) @> array[:tag]::text[])""")
                .param("codes", TAG_CODES.get(measure).toArray(String[]::new))
                .param("to", to)
                .param("yearEnd", yearEnd)
                .param("from", from)
                .param("path", path.value())
                .param("tag", measure)
                .query(Long.class)
                .single();
    }

    private long served(OrgPath path, LocalDate from, LocalDate to, List<String> services) {
        return counts.personsServed(new ServiceCounts.Query(path, from, to, services, true, true));
    }
}
