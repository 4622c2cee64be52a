package org.liudong.registry;

import java.time.LocalDate;
import java.util.List;
import org.liudong.registry.LedgerRollups.Kind;
import org.liudong.shared.HomeTiles;
import org.liudong.shared.ScopedUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The ledger on the home page: the persons living in the user's scope today. A count is no personal data, so the
 * leader sees it too (with a link to the statistics instead of the ledger).
 */
@Component
class LedgerTiles implements HomeTiles {

    private final LedgerRollups rollups;
    private final JdbcClient jdbc;

    LedgerTiles(LedgerRollups rollups, JdbcClient jdbc) {
        this.rollups = rollups;
        this.jdbc = jdbc;
    }

    @Override
    public List<Tile> tiles(ScopedUser user) {
        boolean reader = PersonalData.canRead(user);
        if (!reader && !user.roleNames().contains("LEADER")) {
            return List.of();
        }
        LocalDate today = LocalDate.now(LedgerRollups.BEIJING);
        long living = rollups.answers(Kind.TOTAL, user.scope(), today)
                ? rollups.living(Kind.TOTAL, user.scope(), today, List.of(), null, null)
                // a community: below the rollups, and small enough to count
                : jdbc.sql("select count(*) from person where status = 'ACTIVE' and org_path like :scope || '%'")
                        .param("scope", user.scope().value())
                        .query(Long.class)
                        .single();
        Tile ledger = new Tile(
                10, "home.tile.ledger", living, null, null, reader ? "/persons?status=ACTIVE" : "/stats", false);
        // whoever keeps the ledger of a street or a community sees how many doors are waiting for a verification
        // visit; a district's count would read every person, and its officers verify no doors themselves
        if (!PersonalData.canWrite(user) || user.scope().depth() < 3) {
            return List.of(ledger);
        }
        long due = jdbc.sql("select count(*) from person p where p.status = 'ACTIVE' and p.org_path like :scope || '%'"
                        + " and " + PersonFilter.VERIFICATION_DUE)
                .param("scope", user.scope().value())
                .param("verifiedSince", PersonFilter.verifiedSince(today))
                .query(Long.class)
                .single();
        return List.of(
                ledger,
                new Tile(
                        15,
                        "home.tile.verification",
                        due,
                        "home.tile.verification.note",
                        null,
                        "/persons?status=ACTIVE&verification=DUE",
                        false));
    }
}
