package org.liudong.stats;

import java.util.List;
import java.util.Set;
import org.liudong.shared.RouteRules;
import org.springframework.stereotype.Component;

/** Which roles reach the statistics' routes; services still check scope themselves. */
@Component
class StatsRoutes implements RouteRules {

    static final Set<String> READ = Set.of("DISTRICT_OFFICER", "STREET_OFFICER", "COMMUNITY_WORKER", "LEADER");
    static final Set<String> DISTRICT = Set.of("DISTRICT_OFFICER");
    static final Set<String> EXPORT = Set.of("DISTRICT_OFFICER", "LEADER");

    @Override
    public List<Rule> rules() {
        return List.of(
                new Rule("POST", "/api/v1/aggregate-data", DISTRICT),
                new Rule(null, "/api/v1/aggregate-data", READ),
                new Rule(null, "/api/v1/export/dhis2/**", EXPORT),
                new Rule(null, "/api/v1/stats/**", READ),
                new Rule("POST", "/stats/aggregate/**", DISTRICT),
                new Rule(null, "/stats/aggregate", DISTRICT),
                new Rule(null, "/stats/**", READ),
                new Rule(null, "/stats", READ));
    }
}
