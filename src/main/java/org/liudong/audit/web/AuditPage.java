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
    private final AuditTexts texts;

    AuditPage(AuditTrail trail, AuditTexts texts) {
        this.trail = trail;
        this.texts = texts;
    }

    @GetMapping(value = "/audit/export.csv", produces = "text/csv;charset=UTF-8")
    void export(
            @RequestParam(defaultValue = "") String action,
            @RequestParam(defaultValue = "") String actor,
            jakarta.servlet.http.HttpServletResponse response)
            throws java.io.IOException {
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"audit-trail.csv\"");
        // a byte-order mark so that spreadsheet programs read the Chinese text as UTF-8
        response.getWriter().write('\ufeff');
        trail.exportCsv(action, actor.strip(), response.getWriter());
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
        model.addAttribute("texts", texts);
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
