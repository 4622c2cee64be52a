package org.liudong.indicators;

import java.util.List;
import java.util.Set;
import org.liudong.shared.RouteRules;
import org.springframework.stereotype.Component;

/** Which roles reach the indicators' routes; services still check role and scope themselves. */
@Component
class IndicatorRoutes implements RouteRules {

    /** Who sees indicators, targets and reports: the officers, community workers and leaders. */
    public static final Set<String> READ = Set.of("DISTRICT_OFFICER", "STREET_OFFICER", "COMMUNITY_WORKER", "LEADER");

    static final Set<String> DISTRICT = Set.of("DISTRICT_OFFICER");
    static final Set<String> SUBMIT = Set.of("DISTRICT_OFFICER", "STREET_OFFICER");
    static final Set<String> PERSONS = Set.of("DISTRICT_OFFICER", "STREET_OFFICER", "COMMUNITY_WORKER");

    @Override
    public List<Rule> rules() {
        return List.of(
                new Rule("PUT", "/api/v1/targets", DISTRICT),
                new Rule("POST", "/api/v1/approvals/*/submit", SUBMIT),
                new Rule("POST", "/api/v1/approvals/**", DISTRICT),
                new Rule(null, "/api/v1/approvals/**", READ),
                new Rule(null, "/api/v1/indicators/**", READ),
                new Rule(null, "/api/v1/indicators", READ),
                new Rule("POST", "/indicators/targets", DISTRICT),
                new Rule("POST", "/indicators/approvals", SUBMIT),
                new Rule("GET", "/indicators/persons", PERSONS),
                new Rule(null, "/indicators/**", READ),
                new Rule(null, "/indicators", READ));
    }
}
