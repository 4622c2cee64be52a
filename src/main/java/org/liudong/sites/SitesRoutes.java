package org.liudong.sites;

import java.util.List;
import java.util.Set;
import org.liudong.shared.RouteRules;
import org.springframework.stereotype.Component;

/**
 * Which roles reach the sites' routes at all, the same as {@link SiteRoles} grants: a caller without the role
 * is refused before a form or body is read. Services then check scope and the role again.
 */
@Component
class SitesRoutes implements RouteRules {

    /** Everyone who works with data (the auditor reaches only the audit trail); services check scope. */
    static final Set<String> READ = Set.of(
            "DISTRICT_OFFICER",
            "STREET_OFFICER",
            "COMMUNITY_WORKER",
            "SITE_MANAGER",
            "SERVICE_PROVIDER",
            "EXCHANGE_CLERK",
            "LEADER",
            "SYSTEM_ADMIN");

    static final Set<String> KEEP = Set.of("DISTRICT_OFFICER", "STREET_OFFICER", "COMMUNITY_WORKER", "SITE_MANAGER");
    static final Set<String> OPEN_CLOSE = Set.of("DISTRICT_OFFICER", "STREET_OFFICER", "COMMUNITY_WORKER");
    static final Set<String> APPLY = Set.of("DISTRICT_OFFICER", "STREET_OFFICER", "COMMUNITY_WORKER", "SITE_MANAGER");
    static final Set<String> CHECK = Set.of("STREET_OFFICER");
    static final Set<String> ADMIT = Set.of("DISTRICT_OFFICER");

    @Override
    public List<Rule> rules() {
        return List.of(
                new Rule("POST", "/api/v1/sites/*/admission/check", CHECK),
                new Rule("POST", "/api/v1/sites/*/admission/admit", ADMIT),
                new Rule("POST", "/api/v1/sites/*/admission/**", APPLY),
                new Rule("POST", "/api/v1/sites/*/close", OPEN_CLOSE),
                new Rule("POST", "/api/v1/sites", OPEN_CLOSE),
                new Rule("POST", "/api/v1/sites/**", KEEP),
                new Rule("PUT", "/api/v1/sites/**", KEEP),
                new Rule(null, "/api/v1/sites/**", READ),
                new Rule(null, "/api/v1/sites", READ),
                new Rule("GET", "/api/v1/org-units/*/four-ones", READ),
                new Rule("GET", "/api/v1/org-units/*/rollout", READ),
                new Rule("POST", "/sites/*/admission/check", CHECK),
                new Rule("POST", "/sites/*/admission/admit", ADMIT),
                new Rule("POST", "/sites/*/admission/**", APPLY),
                new Rule("POST", "/sites/*/close", OPEN_CLOSE),
                new Rule("GET", "/sites/new", OPEN_CLOSE),
                new Rule("POST", "/sites", OPEN_CLOSE),
                new Rule("GET", "/sites/*/edit", KEEP),
                new Rule("POST", "/sites/**", KEEP),
                new Rule(null, "/sites/**", READ),
                new Rule(null, "/sites", READ));
    }
}
