package org.liudong.exchange;

import java.util.List;
import org.liudong.security.Role;
import org.liudong.shared.HomeTiles;
import org.liudong.shared.ScopedUser;
import org.springframework.stereotype.Component;

/** The exchange's work on the clerk's and the district officer's home page: messages to answer, and how many late. */
@Component
class ExchangeTiles implements HomeTiles {

    private final ExchangeWork work;

    ExchangeTiles(ExchangeWork work) {
        this.work = work;
    }

    @Override
    public List<Tile> tiles(ScopedUser user) {
        if (!user.roleNames().contains(Role.EXCHANGE_CLERK.name())
                && !user.roleNames().contains(Role.DISTRICT_OFFICER.name())) {
            return List.of();
        }
        var waiting = work.waiting(user);
        return List.of(new Tile(
                30,
                "home.tile.exchange",
                waiting.toAnswer(),
                "home.tile.exchange.overdue",
                List.of("%,d".formatted(waiting.late())),
                "/exchange?status=TO_ANSWER",
                waiting.late() > 0));
    }
}
