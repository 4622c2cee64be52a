package org.liudong.services.web;

import java.time.LocalDate;
import java.util.List;
import org.liudong.services.ActivityServices;
import org.liudong.services.Catalogue;
import org.liudong.services.CatalogueEntry;
import org.liudong.shared.DomainException;
import org.liudong.sites.Activity;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Recording a service for an activity's attendees: pick a site, one of its activities and a service, see who
 * is eligible and why not, then record it for all the eligible ones at once.
 */
@Controller
class ActivityServicePages {

    private final ActivityServices activities;
    private final Catalogue catalogue;
    private final ErrorMessages errors;
    private final ResultNames results;

    ActivityServicePages(ActivityServices activities, Catalogue catalogue, ErrorMessages errors, ResultNames results) {
        this.results = results;
        this.activities = activities;
        this.catalogue = catalogue;
        this.errors = errors;
    }

    @GetMapping("/services/activity")
    String form(
            @RequestParam(required = false) Long site,
            @RequestParam(required = false) Long activity,
            @RequestParam(required = false) String service,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on,
            @RequestParam(required = false) String provider,
            @RequestParam(required = false) String result,
            Model model) {
        List<Activity> list = site == null ? List.of() : activities.activities(site);
        Long chosen = list.stream()
                .filter(a -> activity != null && a.id() == activity)
                .findFirst()
                .map(Activity::id)
                .orElse(null);
        fill(model, site, list, chosen, service, on, provider, result);
        if (chosen != null && service != null && !service.isBlank()) {
            run(model, site, chosen, service, on, provider, result, true);
        }
        return "services/activity";
    }

    @PostMapping("/services/activity")
    String record(
            @RequestParam Long site,
            @RequestParam Long activity,
            @RequestParam String service,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on,
            @RequestParam(required = false) String provider,
            @RequestParam(required = false) String result,
            Model model) {
        fill(model, site, activities.activities(site), activity, service, on, provider, result);
        run(model, site, activity, service, on, provider, result, false);
        return "services/activity";
    }

    private void run(
            Model model,
            long site,
            long activityId,
            String service,
            LocalDate on,
            String provider,
            String result,
            boolean dryRun) {
        try {
            Activity activity = activities.activity(site, activityId);
            model.addAttribute(
                    "outcome",
                    activities.record(
                            site,
                            activityId,
                            ActivityServices.defaults(activity, service, on, provider, result, null, null, null),
                            dryRun));
        } catch (DomainException e) {
            model.addAttribute("error", errors.of(e));
        }
    }

    private void fill(
            Model model,
            Long site,
            List<Activity> list,
            Long activity,
            String service,
            LocalDate on,
            String provider,
            String result) {
        model.addAttribute("sites", activities.sites());
        var entries = catalogue.list().stream().filter(CatalogueEntry::active).toList();
        model.addAttribute("catalogue", entries);
        model.addAttribute(
                "resultOptions",
                results.options(entries, org.springframework.context.i18n.LocaleContextHolder.getLocale()));
        model.addAttribute("activities", list);
        model.addAttribute("site", site);
        model.addAttribute("activity", activity);
        model.addAttribute("service", service);
        model.addAttribute("on", on);
        model.addAttribute("provider", provider);
        model.addAttribute("result", result);
    }
}
