package org.liudong.indicators;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.liudong.org.OrgUnit;
import org.liudong.org.OrgUnits;
import org.liudong.shared.CurrentScope;
import org.liudong.shared.InvalidInput;
import org.liudong.shared.OrgPath;
import org.liudong.shared.ScopedUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Targets (目标) per indicator, org unit and period. A unit's target is its own for the period (or for the
 * year containing it); else its nearest ancestor's, down from the city; else the definition's default
 * (PRODUCT §5.4). District officers set targets for their district and its streets and communities.
 */
@Service
public class Targets {

    /** An effective target and where it comes from: the unit that set it, or null for the default. */
    public record Target(BigDecimal value, String setOn, String period) {}

    private final JdbcClient jdbc;
    private final Indicators indicators;
    private final OrgUnits orgUnits;

    Targets(JdbcClient jdbc, Indicators indicators, OrgUnits orgUnits) {
        this.jdbc = jdbc;
        this.indicators = indicators;
        this.orgUnits = orgUnits;
    }

    /**
     * The targets in force for several units (a board's column) read in one query: for each path the same
     * target as {@link #resolve}.
     */
    public Map<OrgPath, Optional<Target>> resolveAll(
            IndicatorDefinition indicator, List<OrgPath> paths, Period period) {
        Set<String> codes = new HashSet<>();
        paths.forEach(path -> codes.addAll(path.segments()));
        List<Target> set = jdbc.sql("""
                        select value, org_code, period from indicator_target
                        where indicator_code = :indicator and org_code in (:codes) and period in (:period, :year)""")
                .param("indicator", indicator.code())
                .param("codes", codes)
                .param("period", period.code())
                .param("year", period.enclosingYear().code())
                .query((rs, row) -> new Target(rs.getBigDecimal(1), rs.getString(2), rs.getString(3)))
                .list();
        // nearest unit first (the longest code on the path), then the period itself before its year
        Comparator<Target> nearest = Comparator.<Target>comparingInt(
                        t -> t.setOn().length())
                .thenComparing(t -> t.period().equals(period.code()));
        Map<OrgPath, Optional<Target>> resolved = new HashMap<>();
        for (OrgPath path : paths) {
            List<String> segments = path.segments();
            Optional<Target> own =
                    set.stream().filter(t -> segments.contains(t.setOn())).max(nearest);
            resolved.put(
                    path,
                    own.isPresent() || indicator.defaultTarget() == null
                            ? own
                            : Optional.of(new Target(indicator.defaultTarget(), null, null)));
        }
        return resolved;
    }

    /** The target in force for a unit and period, following the tree upwards; empty when there is none. */
    public Optional<Target> resolve(IndicatorDefinition indicator, OrgPath path, Period period) {
        return resolveAll(indicator, List.of(path), period).get(path);
    }

    /** Sets a unit's own target for a period, replacing one set before; district officers only, in scope. */
    @Transactional
    public Target set(String indicatorCode, String orgCode, String periodCode, BigDecimal value) {
        ScopedUser user = CurrentScope.requireUser();
        if (!user.roleNames().contains("DISTRICT_OFFICER")) {
            throw new AccessDeniedException("Only district officers set targets");
        }
        OrgUnit unit = orgUnits.visible(orgCode);
        IndicatorDefinition indicator = indicators.get(indicatorCode);
        Period period = Period.parse(periodCode);
        if (value == null
                || value.signum() < 0
                || (indicator.isPercent() && value.compareTo(BigDecimal.valueOf(100)) > 0)) {
            throw new InvalidInput(
                    "value", org.liudong.shared.Refusal.of(indicator.isPercent() ? "targetPercent" : "targetNumber"));
        }
        jdbc.sql("""
                        insert into indicator_target (indicator_code, org_code, period, value, set_by, set_at)
                        values (:indicator, :org, :period, :value, :by, :at)
                        on conflict (indicator_code, org_code, period)
                        do update set value = excluded.value, set_by = excluded.set_by, set_at = excluded.set_at""")
                .param("indicator", indicator.code())
                .param("org", unit.code())
                .param("period", period.code())
                .param("value", value)
                .param("by", user.username())
                .param("at", Timestamp.from(Instant.now()))
                .update();
        return new Target(value, unit.code(), period.code());
    }
}
