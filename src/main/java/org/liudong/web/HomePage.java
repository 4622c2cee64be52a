package org.liudong.web;

import java.util.Comparator;
import java.util.List;
import org.liudong.org.OrgLevel;
import org.liudong.org.OrgUnits;
import org.liudong.security.LiudongUser;
import org.liudong.security.Role;
import org.liudong.shared.CurrentScope;
import org.liudong.shared.HomeTiles;
import org.liudong.shared.ScopedUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The home page: who you are, the work waiting in your scope, the part of the org tree you work in. */
@Controller
class HomePage {

    private final OrgUnits orgUnits;
    private final List<HomeTiles> tiles;

    HomePage(OrgUnits orgUnits, List<HomeTiles> tiles) {
        this.orgUnits = orgUnits;
        this.tiles = tiles;
    }

    @GetMapping("/")
    String home(@AuthenticationPrincipal LiudongUser user, Model model) {
        var scope = orgUnits.get(user.scopeCode());
        var counts = orgUnits.countByLevel(scope.path());
        model.addAttribute("lineage", orgUnits.lineage(scope.path()));
        model.addAttribute("districts", counts.getOrDefault(OrgLevel.DISTRICT, 0));
        model.addAttribute("streets", counts.getOrDefault(OrgLevel.STREET, 0));
        model.addAttribute("communities", counts.getOrDefault(OrgLevel.COMMUNITY, 0));
        model.addAttribute("children", orgUnits.visibleChildren(scope.code()));
        // the auditor reads the audit trail only: the org tree's pages are not theirs to open
        model.addAttribute("canBrowse", !user.hasRole(Role.AUDITOR));
        // the work waiting in the scope, as the modules count it
        ScopedUser scoped = CurrentScope.requireUser();
        model.addAttribute(
                "tiles",
                tiles.stream()
                        .flatMap(source -> source.tiles(scoped).stream())
                        .sorted(Comparator.comparingInt(HomeTiles.Tile::order))
                        .toList());
        return "web/home";
    }
}
