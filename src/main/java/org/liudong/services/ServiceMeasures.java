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
            Map<OrgPath, Long> counts = new LinkedHashMap<>();
            paths.forEach(
                    path -> counts.put(path, rolledUp(measure, path, from, to).orElseThrow()));
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

    /**
     * Whether the pre-aggregated counts (served_count, migration V8_11) answer: a district or street and a whole
     * calendar year (a year still running ends today, so it is counted from the records).
     */
    private static boolean answers(OrgPath path, LocalDate from, LocalDate to) {
        return path.depth() >= 2
                && path.depth() <= 3
                && from.getDayOfYear() == 1
                && to.getMonthValue() == 12
                && to.getDayOfMonth() == 31
                && from.getYear() == to.getYear();
    }

    /** The count from the pre-aggregated distinct persons served, whose tags are these measures' names. */
    private Optional<Long> rolledUp(String measure, OrgPath path, LocalDate from, LocalDate to) {
        if (!answers(path, from, to)) {
            return Optional.empty();
        }
        return Optional.of(
                jdbc.sql("select coalesce(sum(n), 0) from served_count where tag = ? and year = ? and path = ?")
                        .params(measure, from.getYear(), path.value())
                        .query(Long.class)
                        .single());
    }

    private long served(OrgPath path, LocalDate from, LocalDate to, List<String> services) {
        return counts.personsServed(new ServiceCounts.Query(path, from, to, services, true, true));
    }
}
