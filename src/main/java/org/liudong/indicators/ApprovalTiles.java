package org.liudong.indicators;

import java.util.List;
import org.liudong.shared.HomeTiles;
import org.liudong.shared.ScopedUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Streets' reports waiting for the district's decision, on the district officer's home page; the oldest opens. */
@Component
class ApprovalTiles implements HomeTiles {

    private final JdbcClient jdbc;

    ApprovalTiles(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Tile> tiles(ScopedUser user) {
        if (!user.roleNames().contains("DISTRICT_OFFICER")) {
            return List.of();
        }
        var waiting = jdbc.sql("""
                        select org_code, period from indicator_report
                         where status = 'SUBMITTED' and org_code like :district || '%'
                         order by submitted_at, org_code""")
                .param("district", user.scope().leaf())
                .query((rs, row) -> new String[] {rs.getString(1), rs.getString(2)})
                .list();
        String href = waiting.isEmpty()
                ? "/indicators"
                : "/indicators?orgUnit=" + waiting.get(0)[0] + "&period=" + waiting.get(0)[1];
        return List.of(new Tile(40, "home.tile.approvals", waiting.size(), null, null, href, !waiting.isEmpty()));
    }
}
