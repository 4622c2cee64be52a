package org.liudong.indicators;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.liudong.registry.SiteLedger;
import org.liudong.shared.OrgPath;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Counts over the service sites and their programme records, read-only: {@code SITES} existing at the
 * period's end, {@code SITES_ADMITTED} to the programme by then, {@code SITES_WITH_ACTIVITY} in the period,
 * {@code LECTURES} held in the period, {@code SITE_HEADCOUNT} (the sites' estimated floating population) and
 * {@code SITE_LEDGER_UPDATED} (their ledger records kept current, from the registry's {@link SiteLedger}).
 */
@Component
class SiteMeasures implements MeasureSource {

    private static final String EXISTING = "(s.established_on is null or s.established_on <= :to)"
            + " and (s.closed_on is null or s.closed_on > :to) and s.path like :path";

    private final JdbcClient jdbc;
    private final SiteLedger ledger;

    SiteMeasures(JdbcClient jdbc, SiteLedger ledger) {
        this.jdbc = jdbc;
        this.ledger = ledger;
    }

    @Override
    public Set<String> measures() {
        return Set.of(
                "SITES", "SITES_ADMITTED", "SITES_WITH_ACTIVITY", "LECTURES", "SITE_HEADCOUNT", "SITE_LEDGER_UPDATED");
    }

    @Override
    public long count(String measure, OrgPath path, LocalDate from, LocalDate to) {
        return counts(measure, path, from, to, "''").values().stream()
                .mapToLong(Long::longValue)
                .sum();
    }

    /** Every sites measure adds up over the sites, so a unit's count is the sum of its children's. */
    @Override
    public Map<OrgPath, Long> countEach(
            String measure, MeasureFilter filter, List<OrgPath> paths, LocalDate from, LocalDate to) {
        Optional<OrgPath> parent = MeasureSource.parentOfRest(paths);
        if (parent.isEmpty()) {
            return MeasureSource.super.countEach(measure, filter, paths, from, to);
        }
        Map<String, Long> byChild =
                counts(measure, parent.get(), from, to, parent.get().childCodeSql("s.path"));
        Map<OrgPath, Long> counts = new LinkedHashMap<>();
        counts.put(
                parent.get(),
                byChild.values().stream().mapToLong(Long::longValue).sum());
        for (OrgPath child : paths.subList(1, paths.size())) {
            counts.put(child, byChild.getOrDefault(child.leaf(), 0L));
        }
        return counts;
    }

    private Map<String, Long> counts(String measure, OrgPath path, LocalDate from, LocalDate to, String group) {
        Map<String, Long> counts = new HashMap<>();
        if (measure.equals("SITE_LEDGER_UPDATED")) {
            Map<Long, String> groups = new HashMap<>();
            jdbc.sql("select s.id, " + group + " from service_site s where " + EXISTING)
                    .param("to", to)
                    .param("path", path.value() + "%")
                    .query(rs -> {
                        groups.put(rs.getLong(1), rs.getString(2));
                    });
            ledger.counts(groups.keySet(), to)
                    .forEach((site, c) -> counts.merge(groups.get(site), (long) c.updated(), Long::sum));
            return counts;
        }
        String sql = switch (measure) {
            case "SITES" -> "select " + group + ", count(*) from service_site s where " + EXISTING;
            case "SITES_ADMITTED" ->
                "select " + group + ", count(*) from service_site s where " + EXISTING
                        + " and exists (select 1 from site_admission a"
                        + " where a.site_id = s.id and a.status = 'ADMITTED' and a.admitted_on <= :to)";
            case "SITES_WITH_ACTIVITY" ->
                "select " + group + ", count(*) from service_site s where " + EXISTING
                        + " and exists (select 1 from site_activity a"
                        + " where a.site_id = s.id and a.held_on between :from and :to)";
            case "LECTURES" ->
                "select " + group + ", count(*) from site_activity a join service_site s on s.id = a.site_id"
                        + " where s.path like :path and a.kind = 'LECTURE' and a.held_on between :from and :to";
            case "SITE_HEADCOUNT" ->
                "select " + group + ", coalesce(sum(s.estimated_headcount), 0) from service_site s where " + EXISTING;
            default -> throw new IllegalArgumentException("Not a sites measure: " + measure);
        };
        jdbc.sql(sql + " group by 1")
                .param("to", to)
                .param("from", from)
                .param("path", path.value() + "%")
                .query(rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                });
        return counts;
    }
}
