package org.liudong.sites;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Reads the programme's settings, with the briefing's values as defaults. */
@Configuration
class SitesConfiguration {

    @Bean
    SitesProperties sitesProperties(
            @Value("${liudong.sites.publicity-days:90}") int publicityDays,
            @Value("${liudong.sites.coverage-target:0.90}") BigDecimal coverageTarget,
            @Value("${liudong.sites.rollout-targets:2012=0.40,2013=0.70,2014=1.00}") String rolloutTargets) {
        Map<Integer, BigDecimal> targets = new TreeMap<>();
        for (String pair : rolloutTargets.split(",")) {
            String[] parts = pair.strip().split("=");
            targets.put(Integer.valueOf(parts[0].strip()), new BigDecimal(parts[1].strip()));
        }
        return new SitesProperties(publicityDays, coverageTarget, Map.copyOf(targets));
    }
}
