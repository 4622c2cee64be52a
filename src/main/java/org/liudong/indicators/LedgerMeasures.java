package org.liudong.indicators;

import java.time.LocalDate;
import java.util.Set;
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

    LedgerMeasures(JdbcClient jdbc) {
        this.jdbc = jdbc;
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
        StringBuilder sql = new StringBuilder("select count(distinct p.person_id) from residence_fact p"
                + " where p.org_path like :path and not p.merged and ");
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
        var statement = jdbc.sql(sql.toString())
                .param("path", path.value() + "%")
                .param("from", from)
                .param("to", to)
                .param("categories", filter.categories().toArray(String[]::new))
                .param("marital", filter.marital().toArray(String[]::new))
                .param("sex", filter.sex());
        statement = statement.param("bornBy", filter.ageMin() == null ? to : to.minusYears(filter.ageMin()));
        statement = statement.param("bornAfter", filter.ageMax() == null ? to : to.minusYears(filter.ageMax() + 1L));
        return statement.query(Long.class).single();
    }
}
