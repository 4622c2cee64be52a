package org.liudong.indicators;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.liudong.org.OrgUnit;
import org.liudong.org.OrgUnits;
import org.liudong.shared.OrgPath;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Computes indicator values from current data, each time it is asked, so a ledger change shows at once;
 * every value carries the moment it was computed. Units outside the caller's scope are refused.
 */
@Service
public class IndicatorValues {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    private final Indicators indicators;
    private final Targets targets;
    private final OrgUnits orgUnits;
    private final JdbcClient jdbc;
    private final Map<String, MeasureSource> sources = new HashMap<>();
    private final Clock clock = Clock.system(BEIJING);

    IndicatorValues(
            Indicators indicators, Targets targets, OrgUnits orgUnits, JdbcClient jdbc, List<MeasureSource> sources) {
        this.indicators = indicators;
        this.targets = targets;
        this.orgUnits = orgUnits;
        this.jdbc = jdbc;
        for (MeasureSource source : sources) {
            source.measures().forEach(measure -> this.sources.putIfAbsent(measure, source));
        }
    }

    /** Whether some module counts both of the indicator's measures. */
    public boolean hasSource(IndicatorDefinition indicator) {
        return sources.containsKey(indicator.numeratorMeasure())
                && (indicator.denominatorMeasure() == null || sources.containsKey(indicator.denominatorMeasure()));
    }

    /** The value of an indicator for a unit within the caller's scope and a period, with the approved one. */
    public IndicatorValue value(String indicatorCode, String orgCode, String periodCode) {
        OrgUnit unit = orgUnits.visible(orgCode);
        IndicatorDefinition indicator = indicators.get(indicatorCode);
        return value(indicator, unit, Period.parse(periodCode));
    }

    public IndicatorValue value(IndicatorDefinition indicator, OrgUnit unit, Period period) {
        IndicatorValue current = compute(indicator, unit.path(), unit.code(), period);
        return withApproved(current, frozen(indicator.code(), unit.code(), period.code()));
    }

    /** All indicators for one unit and period. */
    public List<IndicatorValue> values(OrgUnit unit, Period period) {
        List<IndicatorValue> values = new ArrayList<>();
        for (IndicatorDefinition indicator : indicators.all()) {
            values.add(value(indicator, unit, period));
        }
        return values;
    }

    /**
     * The monthly values of an indicator through a year, for the trend chart; in one read-only transaction, so
     * that sources can read what the months share once.
     */
    @Transactional(readOnly = true)
    public List<IndicatorValue> trend(String indicatorCode, String orgCode, int year) {
        OrgUnit unit = orgUnits.visible(orgCode);
        IndicatorDefinition indicator = indicators.get(indicatorCode);
        LocalDate today = LocalDate.now(clock);
        List<IndicatorValue> values = new ArrayList<>();
        for (Period month : Period.year(year).months()) {
            if (month.start().isAfter(today)) {
                break;
            }
            values.add(compute(indicator, unit.path(), unit.code(), month));
        }
        return values;
    }

    IndicatorValue compute(IndicatorDefinition indicator, OrgPath path, String orgCode, Period period) {
        Instant asOf = Instant.now(clock);
        LocalDate on = period.asOf(LocalDate.ofInstant(asOf, BEIJING));
        if (!hasSource(indicator)) {
            return value(indicator, orgCode, period, asOf, null, null, targets.resolve(indicator, path, period));
        }
        long numerator = count(indicator.numeratorMeasure(), indicator.filter(), path, period.start(), on);
        Long denominator = indicator.denominatorMeasure() == null
                ? null
                : count(indicator.denominatorMeasure(), indicator.filter(), path, period.start(), on);
        return value(
                indicator, orgCode, period, asOf, numerator, denominator, targets.resolve(indicator, path, period));
    }

    /**
     * One indicator for several units at once (a board's column: a unit and its children), each measure
     * counted for all of them in one call to its source; the same values as {@link #value} one by one.
     */
    public List<IndicatorValue> column(IndicatorDefinition indicator, List<OrgUnit> units, Period period) {
        Instant asOf = Instant.now(clock);
        LocalDate on = period.asOf(LocalDate.ofInstant(asOf, BEIJING));
        List<OrgPath> paths = units.stream().map(OrgUnit::path).toList();
        Map<OrgPath, Long> numerators = null;
        Map<OrgPath, Long> denominators = null;
        if (hasSource(indicator)) {
            numerators = sources.get(indicator.numeratorMeasure())
                    .countEach(indicator.numeratorMeasure(), indicator.filter(), paths, period.start(), on);
            if (indicator.denominatorMeasure() != null) {
                denominators = sources.get(indicator.denominatorMeasure())
                        .countEach(indicator.denominatorMeasure(), indicator.filter(), paths, period.start(), on);
            }
        }
        Map<OrgPath, Optional<Targets.Target>> targetsSet = targets.resolveAll(indicator, paths, period);
        Map<String, IndicatorValue.Frozen> approved =
                frozen(indicator.code(), units.stream().map(OrgUnit::code).toList(), period.code());
        List<IndicatorValue> column = new ArrayList<>();
        for (OrgUnit unit : units) {
            IndicatorValue current = value(
                    indicator,
                    unit.code(),
                    period,
                    asOf,
                    numerators == null ? null : numerators.get(unit.path()),
                    denominators == null ? null : denominators.get(unit.path()),
                    targetsSet.get(unit.path()));
            column.add(withApproved(current, Optional.ofNullable(approved.get(unit.code()))));
        }
        return column;
    }

    private IndicatorValue value(
            IndicatorDefinition indicator,
            String orgCode,
            Period period,
            Instant asOf,
            Long numerator,
            Long denominator,
            Optional<Targets.Target> targetSet) {
        BigDecimal target = targetSet
                .map(Targets.Target::value)
                .map(value -> scaled(indicator, value, period))
                .orElse(null);
        if (numerator == null) {
            return new IndicatorValue(
                    indicator.code(), orgCode, period.code(), null, null, null, target, null, "NO_SOURCE", asOf, null);
        }
        BigDecimal value = IndicatorValue.ratio(numerator, denominator, indicator.isPercent());
        return new IndicatorValue(
                indicator.code(),
                orgCode,
                period.code(),
                value,
                numerator,
                denominator,
                target,
                IndicatorValue.achievement(value, target),
                IndicatorValue.status(value, target, indicator.isPercent()),
                asOf,
                null);
    }

    /** A count target set per month (e.g. one lecture a month) scales to the period's months. */
    private static BigDecimal scaled(IndicatorDefinition indicator, BigDecimal target, Period period) {
        if (indicator.isPercent() || indicator.periodType() != Period.Type.MONTH) {
            return target;
        }
        return target.multiply(BigDecimal.valueOf(period.monthCount()));
    }

    private long count(String measure, MeasureFilter filter, OrgPath path, LocalDate from, LocalDate to) {
        return sources.get(measure).count(measure, filter, path, from, to);
    }

    /** The approved values of several units for one indicator and period, by unit code. */
    private Map<String, IndicatorValue.Frozen> frozen(String indicator, List<String> orgCodes, String period) {
        Map<String, IndicatorValue.Frozen> approved = new HashMap<>();
        jdbc.sql("""
                        select v.org_code, v.value, v.numerator, v.denominator, v.as_of from indicator_report_value v
                        join indicator_report r on r.org_code = v.org_code and r.period = v.period
                        where r.status = 'APPROVED' and v.org_code in (:codes) and v.period = :period
                          and v.indicator_code = :indicator""")
                .param("codes", orgCodes)
                .param("period", period)
                .param("indicator", indicator)
                .query(rs -> {
                    approved.put(
                            rs.getString(1),
                            new IndicatorValue.Frozen(
                                    rs.getBigDecimal(2),
                                    rs.getLong(3),
                                    rs.getObject(4) == null ? null : rs.getLong(4),
                                    rs.getTimestamp(5).toInstant()));
                });
        return approved;
    }

    private Optional<IndicatorValue.Frozen> frozen(String indicator, String orgCode, String period) {
        return Optional.ofNullable(frozen(indicator, List.of(orgCode), period).get(orgCode));
    }

    private static IndicatorValue withApproved(IndicatorValue v, Optional<IndicatorValue.Frozen> frozen) {
        return frozen.map(f -> new IndicatorValue(
                        v.indicator(),
                        v.orgUnit(),
                        v.period(),
                        v.value(),
                        v.numerator(),
                        v.denominator(),
                        v.target(),
                        v.achievement(),
                        v.status(),
                        v.asOf(),
                        f))
                .orElse(v);
    }
}
