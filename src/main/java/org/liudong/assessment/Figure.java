package org.liudong.assessment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * One figure of a scorecard: numerator, denominator (null for a count), value in percent, the target it is
 * held to and its status (MET, MISSED, NO_TARGET, NO_DATA), with the messages it counts.
 */
public record Figure(
        Measure measure,
        long numerator,
        Long denominator,
        BigDecimal value,
        BigDecimal target,
        String status,
        List<Entry> entries) {

    public Figure {
        entries = List.copyOf(entries);
    }

    /** A figure without a target yet; its value is computed from the counts. */
    static Figure of(Measure measure, long numerator, Long denominator, List<Entry> entries) {
        BigDecimal value = null;
        if (denominator != null && denominator > 0) {
            value = BigDecimal.valueOf(numerator * 100)
                    .divide(BigDecimal.valueOf(denominator), 1, RoundingMode.HALF_UP);
        }
        return new Figure(measure, numerator, denominator, value, null, null, entries);
    }

    /** The same figure held to a target (null when none is set): MET, MISSED, NO_TARGET or NO_DATA. */
    Figure withTarget(BigDecimal target) {
        String status;
        if (measure == Measure.OVERDUE_NOW) {
            status = numerator == 0 ? "MET" : "MISSED";
            target = BigDecimal.ZERO;
        } else if (measure.rate() && (denominator == null || denominator == 0)) {
            status = "NO_DATA";
        } else if (target == null || !measure.rate()) {
            status = "NO_TARGET";
        } else {
            status = value.compareTo(target) >= 0 ? "MET" : "MISSED";
        }
        return new Figure(measure, numerator, denominator, value, target, status, entries);
    }

    public Role role() {
        return measure.role();
    }

    /** How far the value falls short of the target, in points (0 when met or not measurable). */
    public BigDecimal shortfall() {
        if (value == null || target == null || !measure.rate()) {
            return BigDecimal.ZERO;
        }
        return target.subtract(value).max(BigDecimal.ZERO);
    }
}
