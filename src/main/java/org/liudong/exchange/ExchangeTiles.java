package org.liudong.exchange;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.liudong.security.Role;
import org.liudong.shared.HomeTiles;
import org.liudong.shared.ScopedUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The exchange's work on the clerk's and the district officer's home page: messages to answer, and how many late. */
@Component
class ExchangeTiles implements HomeTiles {

    private final JdbcClient jdbc;
    private final Clock clock;

    ExchangeTiles(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public List<Tile> tiles(ScopedUser user) {
        if (!user.roleNames().contains(Role.EXCHANGE_CLERK.name())
                && !user.roleNames().contains(Role.DISTRICT_OFFICER.name())) {
            return List.of();
        }
        // as the inbox counts them: received, of a type that asks for an answer, not yet answered
        var counts = jdbc.sql("""
                        select count(*) filter (where status not in ('WAITING', 'ANSWERED') and type in (:answerable)),
                               count(*) filter (where status not in ('WAITING', 'ANSWERED') and type in (:answerable)
                                                  and due < :today)
                          from exchange_inbox
                         where status <> 'FORWARDED' and type <> 'RECEIPT' and to_county like :prefix || '%'""")
                .param("answerable", ExchangeWork.answerable())
                .param("today", LocalDate.now(clock))
                .param("prefix", user.scope().leaf())
                .query((rs, row) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .single();
        return List.of(new Tile(
                30,
                "home.tile.exchange",
                counts[0],
                "home.tile.exchange.overdue",
                List.of(String.valueOf(counts[1])),
                "/exchange?status=TO_ANSWER",
                counts[1] > 0));
    }
}
