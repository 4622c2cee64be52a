package org.liudong.sites;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The configurable parts of the four ones and the rollout: how many days a publicity update stays "in time",
 * the ledger coverage target and the rollout targets per year (the briefing's 40/70/100%); set as
 * {@code liudong.sites.publicity-days}, {@code liudong.sites.coverage-target} and
 * {@code liudong.sites.rollout-targets} ({@code 2012=0.40,2013=0.70,2014=1.00}).
 */
public record SitesProperties(int publicityDays, BigDecimal coverageTarget, Map<Integer, BigDecimal> rolloutTargets) {

    /** The rollout target of a year: the latest year's target carries on; before the first there is none. */
    public BigDecimal rolloutTarget(int year) {
        return rolloutTargets.entrySet().stream()
                .filter(entry -> entry.getKey() <= year)
                .max(Map.Entry.comparingByKey())
                .map(Map.Entry::getValue)
                .orElse(null);
    }
}
