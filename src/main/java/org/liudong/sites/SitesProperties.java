package org.liudong.sites;

import java.math.BigDecimal;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The configurable parts of the four ones and the rollout: how many days a publicity update stays "in time",
 * the ledger coverage target and the rollout targets per year (the briefing's 40/70/100%).
 */
@ConfigurationProperties("liudong.sites")
public record SitesProperties(
        @DefaultValue("90") int publicityDays,
        @DefaultValue("0.90") BigDecimal coverageTarget,

        @DefaultValue({"2012=0.40", "2013=0.70", "2014=1.00"})
        Map<Integer, BigDecimal> rolloutTargets) {

    /** The rollout target of a year: the latest year's target carries on; before the first there is none. */
    public BigDecimal rolloutTarget(int year) {
        return rolloutTargets.entrySet().stream()
                .filter(entry -> entry.getKey() <= year)
                .max(Map.Entry.comparingByKey())
                .map(Map.Entry::getValue)
                .orElse(null);
    }
}
