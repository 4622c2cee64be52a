package org.liudong.exchange;

import java.util.List;
import java.util.Set;
import org.liudong.shared.RouteRules;
import org.springframework.stereotype.Component;

/**
 * The clerk's exchange work is for exchange clerks and district officers only, as {@link ExchangeWork}
 * checks; a caller without either role is refused before a parameter or body is read. The node-to-node
 * routes ({@code /api/exchange/v1/**}) authenticate by envelope signature and are not listed here.
 */
@Component
class ExchangeRoutes implements RouteRules {

    static final Set<String> CLERKS = Set.of("EXCHANGE_CLERK", "DISTRICT_OFFICER");

    @Override
    public List<Rule> rules() {
        return List.of(
                new Rule(null, "/api/v1/exchange/**", CLERKS),
                new Rule(null, "/exchange/**", CLERKS),
                new Rule(null, "/exchange", CLERKS));
    }
}
