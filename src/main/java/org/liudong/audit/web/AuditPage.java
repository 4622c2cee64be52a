package org.liudong.audit.web;

import org.liudong.audit.AuditTrail;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The audit trail for auditors (审计员): filter by action and actor, page backwards, verify the chain. */
@Controller
class AuditPage {

    private static final int PAGE = 50;

    private final AuditTrail trail;

    AuditPage(AuditTrail trail) {
        this.trail = trail;
    }

    @GetMapping("/audit")
    String trail(
            @RequestParam(defaultValue = "") String action,
            @RequestParam(defaultValue = "") String actor,
            @RequestParam(defaultValue = "0") long before,
            @RequestParam(defaultValue = "false") boolean verify,
            Model model) {
        var entries = trail.search(action, actor.strip(), PAGE, before);
        model.addAttribute("entries", entries);
        model.addAttribute("actions", trail.actions());
        model.addAttribute("action", action);
        model.addAttribute("actor", actor);
        model.addAttribute(
                "nextBefore",
                entries.size() == PAGE ? entries.get(entries.size() - 1).id() : null);
        if (verify) {
            model.addAttribute("verified", true);
            model.addAttribute("brokenAt", trail.firstBrokenLink().orElse(null));
        }
        return "audit/trail";
    }
}
