package org.liudong.indicators;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.liudong.org.OrgLevel;
import org.liudong.org.OrgUnit;
import org.liudong.org.OrgUnits;
import org.liudong.shared.CurrentScope;
import org.liudong.shared.InvalidInput;
import org.liudong.shared.Refusal;
import org.liudong.shared.ScopedUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The report cycle of a street's period: a street officer submits, a district officer approves or returns it
 * with a comment. Approval stores every indicator's value as computed at that moment, so later ledger changes
 * leave the approved report as it was; a returned report may be submitted again.
 */
@Service
public class Approvals {

    private final JdbcClient jdbc;
    private final OrgUnits orgUnits;
    private final IndicatorValues values;

    Approvals(JdbcClient jdbc, OrgUnits orgUnits, IndicatorValues values) {
        this.jdbc = jdbc;
        this.orgUnits = orgUnits;
        this.values = values;
    }

    public Optional<Report> find(String orgCode, String periodCode) {
        OrgUnit unit = orgUnits.visible(orgCode);
        return load(unit.code(), Period.parse(periodCode).code());
    }

    @Transactional
    public Report submit(String orgCode, String periodCode) {
        ScopedUser user = requireRole("STREET_OFFICER", "DISTRICT_OFFICER");
        OrgUnit unit = orgUnits.visible(orgCode);
        Period period = Period.parse(periodCode);
        if (unit.level() != OrgLevel.STREET) {
            throw new InvalidInput("orgUnit", Refusal.of("reportNotStreet", unit.name()));
        }
        Optional<Report> existing = load(unit.code(), period.code());
        if (existing.isPresent() && !existing.get().status().equals("RETURNED")) {
            throw new ApprovalRefused(Refusal.of("report." + existing.get().status(), unit.name(), period.code()));
        }
        jdbc.sql("""
                        insert into indicator_report (org_code, period, status, submitted_by, submitted_at)
                        values (:org, :period, 'SUBMITTED', :by, :at)
                        on conflict (org_code, period) do update set status = 'SUBMITTED', comment = null,
                            submitted_by = excluded.submitted_by, submitted_at = excluded.submitted_at,
                            decided_by = null, decided_at = null""")
                .param("org", unit.code())
                .param("period", period.code())
                .param("by", user.username())
                .param("at", Timestamp.from(Instant.now()))
                .update();
        return load(unit.code(), period.code()).orElseThrow();
    }

    /** Approves a submitted report and freezes the values of all indicators that have a source. */
    @Transactional
    public Report approve(String orgCode, String periodCode, String comment) {
        ScopedUser user = requireRole("DISTRICT_OFFICER");
        OrgUnit unit = orgUnits.visible(orgCode);
        Period period = Period.parse(periodCode);
        requireSubmitted(unit, period);
        decide(unit, period, "APPROVED", comment, user);
        for (IndicatorValue value : values.values(unit, period)) {
            if (value.numerator() == null) {
                continue;
            }
            jdbc.sql("""
                            insert into indicator_report_value
                                (org_code, period, indicator_code, numerator, denominator, value, as_of)
                            values (?, ?, ?, ?, ?, ?, ?)""")
                    .params(
                            unit.code(),
                            period.code(),
                            value.indicator(),
                            value.numerator(),
                            value.denominator(),
                            value.value(),
                            Timestamp.from(value.asOf()))
                    .update();
        }
        return load(unit.code(), period.code()).orElseThrow();
    }

    @Transactional
    public Report returnReport(String orgCode, String periodCode, String comment) {
        ScopedUser user = requireRole("DISTRICT_OFFICER");
        OrgUnit unit = orgUnits.visible(orgCode);
        Period period = Period.parse(periodCode);
        if (comment == null || comment.isBlank()) {
            throw new InvalidInput("comment", Refusal.of("reportReturnComment"));
        }
        requireSubmitted(unit, period);
        decide(unit, period, "RETURNED", comment.strip(), user);
        return load(unit.code(), period.code()).orElseThrow();
    }

    private void requireSubmitted(OrgUnit unit, Period period) {
        String status = load(unit.code(), period.code()).map(Report::status).orElse("NOT_SUBMITTED");
        if (!status.equals("SUBMITTED")) {
            throw new ApprovalRefused(Refusal.of("reportUndecidable." + status, unit.name(), period.code()));
        }
    }

    private void decide(OrgUnit unit, Period period, String status, String comment, ScopedUser user) {
        jdbc.sql("update indicator_report set status = ?, comment = ?, decided_by = ?, decided_at = ?"
                        + " where org_code = ? and period = ?")
                .params(status, comment, user.username(), Timestamp.from(Instant.now()), unit.code(), period.code())
                .update();
    }

    private static ScopedUser requireRole(String... roles) {
        ScopedUser user = CurrentScope.requireUser();
        for (String role : roles) {
            if (user.roleNames().contains(role)) {
                return user;
            }
        }
        throw new AccessDeniedException("This role does not take part in reports");
    }

    private Optional<Report> load(String orgCode, String period) {
        return jdbc.sql("select * from indicator_report where org_code = ? and period = ?")
                .params(orgCode, period)
                .query((rs, row) -> new Report(
                        rs.getString("org_code"),
                        rs.getString("period"),
                        rs.getString("status"),
                        rs.getString("comment"),
                        rs.getString("submitted_by"),
                        rs.getTimestamp("submitted_at").toInstant(),
                        rs.getString("decided_by"),
                        rs.getTimestamp("decided_at") == null
                                ? null
                                : rs.getTimestamp("decided_at").toInstant()))
                .optional();
    }
}
