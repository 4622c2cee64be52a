package org.liudong.indicators;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * An indicator's value for an org unit and period as of a moment: numerator, denominator (null for a
 * count), value (a percentage with one decimal, or the count), target, achievement (value over target, in
 * percent) and status: {@code MET}, {@code NEAR} (within 5 points), {@code BELOW}, {@code NO_TARGET},
 * {@code NO_DATA} (a zero denominator) or {@code NO_SOURCE} (no module provides the measure yet).
 * {@code approved} holds the frozen value of an approved report, if any.
 */
public record IndicatorValue(
        String indicator,
        String orgUnit,
        String period,
        BigDecimal value,
        Long numerator,
        Long denominator,
        BigDecimal target,
        BigDecimal achievement,
        String status,
        Instant asOf,
        Frozen approved) {

    /** The value frozen by an approval. */
    public record Frozen(BigDecimal value, Long numerator, Long denominator, Instant asOf) {}

    /**
     * A rate above 100%: more counted than its denominator holds (for coverage, more on the ledger than the
     * figure it is measured against). Shown as met, but flagged, since the denominator is likely out of date.
     */
    public boolean overFull() {
        return denominator != null && value != null && value.compareTo(BigDecimal.valueOf(100)) > 0;
    }

    static BigDecimal ratio(long numerator, Long denominator, boolean percent) {
        if (!percent) {
            return BigDecimal.valueOf(numerator);
        }
        if (denominator == null || denominator == 0) {
            return null;
        }
        return BigDecimal.valueOf(numerator * 100L).divide(BigDecimal.valueOf(denominator), 1, RoundingMode.HALF_UP);
    }

    /** MET at or above the target, NEAR within 5 points (5% of the target for counts), else BELOW. */
    static String status(BigDecimal value, BigDecimal target, boolean percent) {
        if (value == null) {
            return "NO_DATA";
        }
        if (target == null) {
            return "NO_TARGET";
        }
        if (value.compareTo(target) >= 0) {
            return "MET";
        }
        BigDecimal margin = percent ? BigDecimal.valueOf(5) : target.multiply(new BigDecimal("0.05"));
        return value.compareTo(target.subtract(margin)) >= 0 ? "NEAR" : "BELOW";
    }

    static BigDecimal achievement(BigDecimal value, BigDecimal target) {
        if (value == null || target == null || target.signum() == 0) {
            return null;
        }
        return value.multiply(BigDecimal.valueOf(100)).divide(target, 1, RoundingMode.HALF_UP);
    }
}
