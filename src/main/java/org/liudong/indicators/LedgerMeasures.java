package org.liudong.indicators;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.liudong.registry.LedgerRollups;
import org.liudong.shared.OrgPath;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Counts over the ledger, read-only like an analytics layer: {@code PERSONS} living in a subtree on the
 * period's last day (a residence episode begun by then and not ended), {@code ARRIVALS} whose episode began
 * in the period, and {@code ARRIVALS_CERT_CHECKED_30D}, those whose certificate was checked within 30 days
 * of arriving. Merged records never count.
 */
@Component
class LedgerMeasures implements MeasureSource {

    static final String PERSONS = "PERSONS";
    static final String ARRIVALS = "ARRIVALS";
    static final String CERT_CHECKED = "ARRIVALS_CERT_CHECKED_30D";

    private final JdbcClient jdbc;
    private final LedgerRollups rollups;

    LedgerMeasures(JdbcClient jdbc, LedgerRollups rollups) {
        this.jdbc = jdbc;
        this.rollups = rollups;
    }

    /** Whether the registry's pre-aggregated counts answer this count exactly (persons living, no age band). */
    private boolean fromRollup(String measure, MeasureFilter filter, OrgPath path, LocalDate to) {
        return measure.equals(PERSONS)
                && filter.ageMin() == null
                && filter.ageMax() == null
                && rollups.answers(LedgerRollups.Kind.MARITAL, path, to);
    }

    @Override
    public Map<OrgPath, Long> countEach(
            String measure, MeasureFilter filter, List<OrgPath> paths, LocalDate from, LocalDate to) {
        Optional<OrgPath> parent = MeasureSource.parentOfRest(paths);
        if (parent.isEmpty()) {
            return MeasureSource.super.countEach(measure, filter, paths, from, to);
        }
        if (!fromRollup(measure, filter, paths.get(1), to)) {
            // the children and the parent in one grouped pass: the parent's distinct persons as a grouping set of
            // its own (they need not add up over the children), unless the rollup answers for the parent
            Map<OrgPath, Long> counts = new LinkedHashMap<>();
            boolean parentRolledUp = fromRollup(measure, filter, parent.get(), to);
            String byChildKey = parent.get().childCodeSql("p.org_path");
            Map<String, Long> byChild = recount(measure, filter, parent.get(), from, to, byChildKey, !parentRolledUp);
            counts.put(
                    parent.get(),
                    parentRolledUp ? count(measure, filter, parent.get(), from, to) : byChild.getOrDefault(null, 0L));
            for (OrgPath child : paths.subList(1, paths.size())) {
                counts.put(child, byChild.getOrDefault(child.leaf(), 0L));
            }
            return counts;
        }
        // persons living on a date are additive over the children (a person lives in one place at a time)
        Map<String, Long> byChild = new java.util.HashMap<>();
        long total = 0;
        for (LedgerRollups.Group group : rollups.groups(
                LedgerRollups.Kind.MARITAL,
                parent.get(),
                to,
                filter.categories(),
                filter.sex(),
                filter.marital(),
                true)) {
            byChild.merge(group.child(), group.count(), Long::sum);
            total += group.count();
        }
        Map<OrgPath, Long> counts = new LinkedHashMap<>();
        counts.put(parent.get(), total);
        for (OrgPath child : paths.subList(1, paths.size())) {
            counts.put(child, byChild.getOrDefault(child.leaf(), 0L));
        }
        return counts;
    }

    @Override
    public Set<String> measures() {
        return Set.of(PERSONS, ARRIVALS, CERT_CHECKED);
    }

    @Override
    public long count(String measure, OrgPath path, LocalDate from, LocalDate to) {
        return count(measure, MeasureFilter.NONE, path, from, to);
    }

    @Override
    public long count(String measure, MeasureFilter filter, OrgPath path, LocalDate from, LocalDate to) {
        if (fromRollup(measure, filter, path, to)) {
            return rollups.living(
                    LedgerRollups.Kind.MARITAL, path, to, filter.categories(), filter.sex(), filter.marital());
        }
        return recount(measure, filter, path, from, to, null, true).getOrDefault(null, 0L);
    }

    /**
     * Counts from the residence facts grouped by {@code key} (an SQL expression, or null for none), with the
     * total over all groups under the key null when {@code withTotal}.
     */
    private Map<String, Long> recount(
            String measure,
            MeasureFilter filter,
            OrgPath path,
            LocalDate from,
            LocalDate to,
            String key,
            boolean withTotal) {
        String when = switch (measure) {
            case PERSONS -> "p.moved_in <= :to and (p.moved_out is null or p.moved_out > :to)";
            case ARRIVALS -> "p.moved_in between :from and :to";
            case CERT_CHECKED ->
                "p.moved_in between :from and :to and p.cert_checked_on is not null"
                        + " and p.cert_checked_on <= p.moved_in + 30";
            default -> throw new IllegalArgumentException("Not a ledger measure: " + measure);
        };
        // the registry's narrow read model (residence_fact: an episode with its person's attributes, kept exact
        // by triggers) rather than residence_episode joined to the wide person rows
        StringBuilder sql = new StringBuilder("select " + (key == null ? "null" : key)
                + ", count(distinct p.person_id) from residence_fact p"
                + " where p.org_path like :path and not p.merged and ");
        List<String> streets = List.of();
        if (!measure.equals(PERSONS) && path.depth() <= 3) {
            // arrivals of a period: street by street through the arrivals index (V5_10), the period's rows only
            streets = jdbc.sql("select path from org_unit where path like :path and depth <= 3")
                    .param("path", path.value() + "%")
                    .query(String.class)
                    .list();
            sql.append("ledger_rollup_path(p.org_path) = any(:streets) and ");
        }
        sql.append(when);
        if (!filter.categories().isEmpty()) {
            sql.append(" and p.category = any(:categories)");
        }
        if (filter.sex() != null) {
            sql.append(" and p.sex = :sex");
        }
        if (!filter.marital().isEmpty()) {
            sql.append(" and p.marital_status = any(:marital)");
        }
        if (filter.ageMin() != null) {
            sql.append(" and p.birth_date <= :bornBy");
        }
        if (filter.ageMax() != null) {
            sql.append(" and p.birth_date > :bornAfter");
        }
        if (key != null) {
            sql.append(withTotal ? " group by grouping sets ((" + key + "), ())" : " group by " + key);
        }
        var statement = jdbc.sql(sql.toString())
                .param("path", path.value() + "%")
                .param("from", from)
                .param("to", to)
                .param("categories", filter.categories().toArray(String[]::new))
                .param("marital", filter.marital().toArray(String[]::new))
                .param("sex", filter.sex())
                .param("streets", streets.toArray(String[]::new));
        statement = statement.param("bornBy", filter.ageMin() == null ? to : to.minusYears(filter.ageMin()));
        statement = statement.param("bornAfter", filter.ageMax() == null ? to : to.minusYears(filter.ageMax() + 1L));
        Map<String, Long> counts = new java.util.HashMap<>();
        statement.query(rs -> {
            counts.put(rs.getString(1), rs.getLong(2));
        });
        return counts;
    }
}
