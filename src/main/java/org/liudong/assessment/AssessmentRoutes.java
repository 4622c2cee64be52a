package org.liudong.assessment;

import java.util.List;
import java.util.Set;
import org.liudong.shared.RouteRules;
import org.springframework.stereotype.Component;

/**
 * Scorecards, league tables and agreements are read by district officers, exchange clerks and leaders (figures
 * and message ids, no persons); district officers record agreements and send scorecards; disputes are for
 * exchange clerks and district officers. Services check scope and these roles again.
 */
@Component
class AssessmentRoutes implements RouteRules {

    static final Set<String> READ = Set.of("DISTRICT_OFFICER", "EXCHANGE_CLERK", "LEADER");
    static final Set<String> DISTRICT = Set.of("DISTRICT_OFFICER");
    static final Set<String> CLERKS = Set.of("DISTRICT_OFFICER", "EXCHANGE_CLERK");

    @Override
    public List<Rule> rules() {
        return List.of(
                new Rule("POST", "/api/v1/cooperation/agreements", DISTRICT),
                new Rule("POST", "/assessment/agreements", DISTRICT),
                new Rule("POST", "/assessment/scorecards/send", DISTRICT),
                new Rule("POST", "/api/v1/assessment/disputes", CLERKS),
                new Rule("POST", "/assessment/disputes", CLERKS),
                new Rule(null, "/api/v1/cooperation/**", READ),
                new Rule(null, "/api/v1/assessment/**", READ),
                new Rule(null, "/assessment/**", READ),
                new Rule(null, "/assessment", READ));
    }
}
