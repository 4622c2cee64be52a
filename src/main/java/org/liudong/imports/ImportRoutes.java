package org.liudong.imports;

import java.util.List;
import java.util.Set;
import org.liudong.shared.RouteRules;
import org.springframework.stereotype.Component;

/** Imports change the ledger: only the roles that edit it reach them. */
@Component
class ImportRoutes implements RouteRules {

    private static final Set<String> WRITE =
            Set.of("DISTRICT_OFFICER", "STREET_OFFICER", "COMMUNITY_WORKER", "SITE_MANAGER");

    @Override
    public List<Rule> rules() {
        return List.of(
                new Rule(null, "/api/v1/imports/**", WRITE),
                new Rule(null, "/imports/**", WRITE),
                new Rule(null, "/imports", WRITE));
    }
}
