package org.liudong.registry;

import java.util.List;
import java.util.Set;
import org.liudong.shared.RouteRules;
import org.springframework.stereotype.Component;

/** Which roles reach the ledger's routes at all; services then check scope and the finer rights. */
@Component
class RegistryRoutes implements RouteRules {

    static final Set<String> READ = Set.of(
            "DISTRICT_OFFICER",
            "STREET_OFFICER",
            "COMMUNITY_WORKER",
            "SITE_MANAGER",
            "SERVICE_PROVIDER",
            "EXCHANGE_CLERK");
    static final Set<String> WRITE = Set.of("DISTRICT_OFFICER", "STREET_OFFICER", "COMMUNITY_WORKER", "SITE_MANAGER");
    static final Set<String> REVEAL =
            Set.of("DISTRICT_OFFICER", "STREET_OFFICER", "COMMUNITY_WORKER", "EXCHANGE_CLERK");
    static final Set<String> MERGE = Set.of("DISTRICT_OFFICER", "STREET_OFFICER");

    @Override
    public List<Rule> rules() {
        return List.of(
                new Rule("POST", "/api/v1/persons/search", READ),
                new Rule("POST", "/api/v1/persons/*/id-number", REVEAL),
                new Rule("POST", "/api/v1/persons/*/merge", MERGE),
                new Rule("POST", "/api/v1/persons/**", WRITE),
                new Rule("PUT", "/api/v1/persons/**", WRITE),
                new Rule("POST", "/api/v1/persons", WRITE),
                new Rule(null, "/api/v1/persons/**", READ),
                new Rule(null, "/api/v1/persons", READ),
                new Rule("POST", "/persons/find", READ),
                new Rule("POST", "/persons/*/id-number", REVEAL),
                new Rule("POST", "/persons/*/merge", MERGE),
                new Rule("GET", "/persons/new", WRITE),
                new Rule("GET", "/persons/*/edit", WRITE),
                new Rule("POST", "/persons/**", WRITE),
                new Rule("POST", "/persons", WRITE),
                new Rule(null, "/persons/**", READ),
                new Rule(null, "/persons", READ));
    }
}
