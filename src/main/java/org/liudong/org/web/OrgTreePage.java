package org.liudong.org.web;

import org.liudong.org.OrgUnit;
import org.liudong.org.OrgUnits;
import org.liudong.shared.CurrentScope;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** Browsing the org tree from the user's scope downwards. */
@Controller
class OrgTreePage {

    private final OrgUnits orgUnits;

    OrgTreePage(OrgUnits orgUnits) {
        this.orgUnits = orgUnits;
    }

    @GetMapping("/org")
    String scopeRoot() {
        return "redirect:/org/" + CurrentScope.requireUser().scope().leaf();
    }

    @GetMapping("/org/{code}")
    String unit(@PathVariable String code, Model model) {
        OrgUnit unit = orgUnits.visible(code);
        var scope = CurrentScope.requireUser().scope();
        model.addAttribute("unit", unit);
        model.addAttribute(
                "lineage",
                orgUnits.lineage(unit.path()).stream()
                        .filter(u -> scope.contains(u.path()))
                        .toList());
        model.addAttribute("children", orgUnits.visibleChildren(code));
        model.addAttribute("counts", orgUnits.countByLevel(unit.path()));
        return "org/unit";
    }
}
