package org.liudong.services;

import java.util.List;
import org.liudong.org.OrgLevel;
import org.liudong.org.OrgUnits;
import org.liudong.shared.HomeTiles;
import org.liudong.shared.ScopedUser;
import org.springframework.stereotype.Component;

/**
 * This month's due list on the home page of those who serve a street or a community: how many services are due, and
 * how many of them overdue. A district's list takes seconds to work out (about 0.3 s a street), so a district's
 * officers open the list itself.
 */
@Component
class DueTiles implements HomeTiles {

    private final DueLists dueLists;
    private final OrgUnits orgUnits;

    DueTiles(DueLists dueLists, OrgUnits orgUnits) {
        this.dueLists = dueLists;
        this.orgUnits = orgUnits;
    }

    @Override
    public List<Tile> tiles(ScopedUser user) {
        if (!ServiceRoles.canWork(user)) {
            return List.of();
        }
        var unit = orgUnits.get(user.scope().leaf());
        if (unit.level() != OrgLevel.STREET && unit.level() != OrgLevel.COMMUNITY) {
            return List.of();
        }
        var list = dueLists.due(unit.code(), null, "home-page");
        long overdue = list.overdue();
        return List.of(new Tile(
                20,
                "home.tile.due",
                list.items().size(),
                "home.tile.due.overdue",
                List.of("%,d".formatted(overdue)),
                "/services?unit=" + unit.code(),
                overdue > 0));
    }
}
