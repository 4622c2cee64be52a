package org.liudong.services;

import java.util.List;
import java.util.Set;
import org.liudong.shared.RouteRules;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Which roles reach the services' routes. Ordered before the registry's rules, whose broader
 * {@code /api/v1/persons/**} patterns would otherwise decide the services of a person.
 */
@Component
@Order(0)
class ServiceRoutes implements RouteRules {

    @Override
    public List<Rule> rules() {
        Set<String> work = ServiceRoles.WORK;
        return List.of(
                new Rule("POST", "/api/v1/services/catalogue", Set.of("SYSTEM_ADMIN")),
                new Rule("GET", "/api/v1/services/catalogue", working()),
                new Rule("PUT", "/api/v1/services/catalogue/*", Set.of("SYSTEM_ADMIN")),
                new Rule("POST", "/services/catalogue", Set.of("SYSTEM_ADMIN")),
                new Rule("POST", "/services/catalogue/*", Set.of("SYSTEM_ADMIN")),
                new Rule(null, "/api/v1/persons/*/services", work),
                new Rule(null, "/api/v1/services/records/**", work),
                new Rule("POST", "/api/v1/services/from-activity", work),
                new Rule(null, "/api/v1/services/imports/**", work),
                new Rule(null, "/api/v1/services/imports", work),
                new Rule(null, "/api/v1/persons/*/eligibility", work),
                new Rule(null, "/api/v1/persons/*/visits", work),
                new Rule(null, "/api/v1/org-units/*/due", work),
                new Rule(null, "/api/v1/org-units/*/due.xlsx", work),
                new Rule("GET", "/services/actions", ServiceRoles.AGGREGATES),
                new Rule("GET", "/services/catalogue", working()),
                new Rule(null, "/services", work),
                new Rule(null, "/services/**", work));
    }

    private static Set<String> working() {
        return Set.of(
                "DISTRICT_OFFICER",
                "STREET_OFFICER",
                "COMMUNITY_WORKER",
                "SITE_MANAGER",
                "SERVICE_PROVIDER",
                "EXCHANGE_CLERK",
                "LEADER",
                "SYSTEM_ADMIN");
    }
}
