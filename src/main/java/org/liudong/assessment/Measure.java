package org.liudong.assessment;

/**
 * The figures of a scorecard. A rate has a numerator and a denominator; a count has only a numerator.
 * {@code indicator} names the indicator whose target (PRODUCT §3.6, defaults §5.4) the figure is held to.
 */
public enum Measure {
    NOTIFIED(Role.INFLOW, true, "EXCH_NOTIFIED_15WD"),
    CERT_CHECKED(Role.INFLOW, true, "CERT_CHECKED_30D"),
    REPORTS_SENT(Role.INFLOW, false, null),
    ANSWERED(Role.HOME, true, "EXCH_ANSWERED"),
    ANSWERED_ON_TIME(Role.HOME, true, "EXCH_ANSWERED_ON_TIME"),
    NOTICES_ACKNOWLEDGED(Role.HOME, true, null),
    ACCURACY(Role.BOTH, true, "EXCH_ACCURACY"),
    OVERDUE_NOW(Role.BOTH, false, null);

    private final Role role;
    private final boolean rate;
    private final String indicator;

    Measure(Role role, boolean rate, String indicator) {
        this.role = role;
        this.rate = rate;
        this.indicator = indicator;
    }

    public Role role() {
        return role;
    }

    public boolean rate() {
        return rate;
    }

    public String indicator() {
        return indicator;
    }
}
