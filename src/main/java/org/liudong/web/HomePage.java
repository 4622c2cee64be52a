package org.liudong.web;

import org.liudong.org.OrgLevel;
import org.liudong.org.OrgUnits;
import org.liudong.security.LiudongUser;
import org.liudong.security.Role;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The home page: who you are, the part of the org tree you work in, and what it holds. */
@Controller
class HomePage {

    private final OrgUnits orgUnits;

    HomePage(OrgUnits orgUnits) {
        this.orgUnits = orgUnits;
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
        return "web/home";
    }
}
