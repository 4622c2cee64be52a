package org.liudong.org.web;

import java.util.List;
import org.liudong.org.OrgLevel;
import org.liudong.org.OrgUnit;
import org.liudong.org.OrgUnits;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The communities of one street as a form's options: where a form offers a city's streets first, choosing one
 * fills the community list beside it (htmx). A street outside the caller's scope is refused.
 */
@Controller
class CommunityOptions {

    private final OrgUnits orgUnits;

    CommunityOptions(OrgUnits orgUnits) {
        this.orgUnits = orgUnits;
    }

    @GetMapping("/org/community-options")
    String options(@RequestParam(required = false) String under, Model model) {
        List<OrgUnit> communities = List.of();
        if (under != null && !under.isBlank()) {
            OrgUnit unit = orgUnits.visible(under.strip());
            // a street's communities; a district's or a city's are what the street choice is there to avoid
            if (unit.level() == OrgLevel.STREET) {
                communities = orgUnits.within(unit.path(), OrgLevel.COMMUNITY);
            }
        }
        model.addAttribute("communities", communities);
        return "org/community-options :: options";
    }
}
