package org.liudong.services.web;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.liudong.org.OrgLevel;
import org.liudong.org.OrgUnits;
import org.liudong.services.Catalogue;
import org.liudong.services.CatalogueEntry;
import org.liudong.services.DueItem;
import org.liudong.services.DueLists;
import org.liudong.services.HealthActions;
import org.liudong.services.RecordService;
import org.liudong.services.ServiceDelivery;
import org.liudong.shared.CurrentScope;
import org.liudong.shared.DomainException;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/** The services' pages: the due list, a person's services, the health actions and the catalogue. */
@Controller
class ServicePages {

    private static final int PAGE = 50;

    private final DueLists dueLists;
    private final ServiceDelivery delivery;
    private final Catalogue catalogue;
    private final HealthActions actions;
    private final OrgUnits orgUnits;
    private final ErrorMessages errors;
    private final ResultNames results;

    ServicePages(
            DueLists dueLists,
            ServiceDelivery delivery,
            Catalogue catalogue,
            HealthActions actions,
            OrgUnits orgUnits,
            ErrorMessages errors,
            ResultNames results) {
        this.results = results;
        this.dueLists = dueLists;
        this.delivery = delivery;
        this.catalogue = catalogue;
        this.actions = actions;
        this.orgUnits = orgUnits;
        this.errors = errors;
    }

    @GetMapping("/services")
    String due(
            @RequestParam(required = false) String unit,
            @RequestParam(required = false) YearMonth month,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(required = false) String q,
            Model model,
            java.util.Locale locale) {
        var user = CurrentScope.requireUser();
        String code = unit == null || unit.isBlank() ? user.scope().leaf() : unit.strip();
        var scopeUnit = orgUnits.find(code);
        if ((unit == null || unit.isBlank())
                && scopeUnit.isPresent()
                && scopeUnit.get().level().compareTo(OrgLevel.STREET) < 0) {
            // a whole district's list is tens of thousands of names and takes seconds to judge: a worker's list
            // is a street's or a community's, so above a street the page asks which one first
            model.addAttribute("scopeUnit", scopeUnit.get());
            model.addAttribute("streets", orgUnits.within(user.scope(), OrgLevel.STREET));
            model.addAttribute("month", month);
            return "services/due-choose";
        }
        var list = dueLists.due(code, month, "page");
        // a worker looks for one person among thousands by a part of the name or of the (masked) ID number
        String query = q == null || q.isBlank() ? null : q.strip();
        List<DueItem> found = query == null
                ? list.items()
                : list.items().stream()
                        .filter(i -> (i.name() != null && i.name().contains(query))
                                || (i.idNumberMasked() != null
                                        && i.idNumberMasked().contains(query)))
                        .toList();
        var shown = org.liudong.shared.Paged.of(found, page, PAGE);
        model.addAttribute("list", list);
        // a month not begun yet is a forecast from today's ledger and records
        model.addAttribute("future", list.month().isAfter(YearMonth.now()));
        model.addAttribute("q", query);
        model.addAttribute("matching", found.size());
        model.addAttribute("items", shown.items());
        model.addAttribute("page", shown.page());
        model.addAttribute("pages", shown.pages());
        model.addAttribute("units", units(user.scope(), list.unit().code()));
        model.addAttribute("unitDepth", user.scope().depth());
        model.addAttribute("today", LocalDate.now());
        model.addAttribute("serviceNames", serviceNames(locale));
        Map<String, String> communities = orgUnits.names(list.unit().path(), OrgLevel.COMMUNITY);
        model.addAttribute("communityNames", communities);
        return "services/due";
    }

    /** A due list as a file; the list's read is audited as the export it is. */
    @GetMapping({"/services/due.xlsx", "/services/due.csv"})
    ResponseEntity<byte[]> export(
            @RequestParam(required = false) String unit,
            @RequestParam(required = false) YearMonth month,
            jakarta.servlet.http.HttpServletRequest request) {
        var format = org.liudong.shared.TableFile.Format.ofPath(request.getRequestURI());
        String code = unit == null || unit.isBlank()
                ? CurrentScope.requireUser().scope().leaf()
                : unit.strip();
        var list = dueLists.due(
                code, month, format == org.liudong.shared.TableFile.Format.CSV ? "page-export-csv" : "page-export");
        return DueSheet.download(list, code, orgUnits, format);
    }

    @PostMapping("/services/record")
    String record(
            @RequestParam long personId,
            @RequestParam String service,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on,
            @RequestParam(required = false) String provider,
            @RequestParam(required = false) String result,
            @RequestParam(defaultValue = "true") boolean free,
            @RequestParam(defaultValue = "true") boolean inPlace,
            @RequestParam(required = false) String notes,
            @RequestParam(required = false) String overrideNote,
            @RequestParam(required = false) String back,
            RedirectAttributes redirect) {
        try {
            delivery.record(
                    personId,
                    new RecordService(service, on, provider, free, inPlace, result, null, null, notes, overrideNote));
            redirect.addFlashAttribute("saved", true);
        } catch (DomainException e) {
            redirect.addFlashAttribute("error", errors.of(e));
            // the form shows what was typed again, to be corrected rather than typed anew
            Map<String, String> entered = new HashMap<>();
            entered.put("service", service);
            entered.put("on", on == null ? null : on.toString());
            entered.put("provider", provider);
            entered.put("result", result);
            entered.put("notes", notes);
            entered.put("overrideNote", overrideNote);
            redirect.addFlashAttribute("entered", entered);
        }
        return "redirect:" + safe(back, "/services/persons/" + personId);
    }

    /**
     * Corrects a record from the person's page (a wrong date, result or provider, a mis-click on the due list):
     * the earlier values are kept in the record's history, with why.
     */
    @PostMapping("/services/records/{id}/correct")
    String correct(
            @PathVariable long id,
            @RequestParam long personId,
            @RequestParam int version,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on,
            @RequestParam(required = false) String provider,
            @RequestParam(required = false) String result,
            @RequestParam(required = false) String notes,
            @RequestParam(required = false) String reason,
            RedirectAttributes redirect) {
        try {
            delivery.amend(
                    id, version, on, provider, result == null || result.isBlank() ? null : result, notes, reason);
            redirect.addFlashAttribute("saved", true);
        } catch (DomainException e) {
            redirect.addFlashAttribute("error", errors.of(e));
            redirect.addFlashAttribute("correcting", id);
        }
        return "redirect:/services/persons/" + personId + "#record-" + id;
    }

    @PostMapping("/services/visit")
    String visit(
            @RequestParam long personId,
            @RequestParam String service,
            @RequestParam YearMonth month,
            @RequestParam(required = false) String reason,
            @RequestParam(required = false) String back,
            RedirectAttributes redirect) {
        try {
            delivery.visited(personId, service, month, LocalDate.now(), reason);
            redirect.addFlashAttribute("saved", true);
        } catch (DomainException e) {
            redirect.addFlashAttribute("error", errors.of(e));
        }
        return "redirect:" + safe(back, "/services");
    }

    @GetMapping("/services/persons/{id}")
    String person(
            @PathVariable long id,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on,
            Model model,
            java.util.Locale locale) {
        LocalDate date = on == null ? LocalDate.now() : on;
        var overview = delivery.overview(id, date);
        var entries = catalogue.list();
        model.addAttribute("personId", id);
        model.addAttribute("person", overview);
        model.addAttribute("records", overview.records());
        model.addAttribute("eligibility", overview.eligibility());
        model.addAttribute("on", date);
        model.addAttribute("catalogue", entries);
        model.addAttribute("resultNames", results.names(entries, locale));
        model.addAttribute("resultOptions", results.options(entries, locale));
        model.addAttribute("today", LocalDate.now());
        model.addAttribute("serviceNames", serviceNames(locale));
        return "services/person";
    }

    /** The catalogue's names by service code, in the reader's language. */
    private Map<String, String> serviceNames(java.util.Locale locale) {
        Map<String, String> names = new HashMap<>();
        catalogue.list().forEach(entry -> names.put(entry.code(), entry.name(locale)));
        return names;
    }

    @GetMapping("/services/actions")
    String actions(@RequestParam(required = false) Integer year, Model model) {
        int y = year == null ? LocalDate.now().getYear() : year;
        model.addAttribute("data", actions.year(y));
        model.addAttribute(
                "years",
                List.of(2011, 2012, 2013, 2014, LocalDate.now().getYear()).stream()
                        .distinct()
                        .toList());
        return "services/actions";
    }

    @GetMapping("/services/catalogue")
    String catalogue(Model model, java.util.Locale locale) {
        var entries = catalogue.list();
        model.addAttribute("entries", entries);
        model.addAttribute("resultNames", results.names(entries, locale));
        model.addAttribute("admin", CurrentScope.requireUser().roleNames().contains("SYSTEM_ADMIN"));
        return "services/catalogue";
    }

    @PostMapping("/services/catalogue")
    String addService(
            @RequestParam(required = false) String code,
            @RequestParam(required = false) String nameZh,
            @RequestParam(required = false) String nameEn,
            @RequestParam(required = false) String resultCodes,
            @RequestParam(required = false) Integer healthAction,
            RedirectAttributes redirect) {
        try {
            List<String> results = resultCodes == null || resultCodes.isBlank()
                    ? List.of()
                    : java.util.Arrays.stream(resultCodes.split("[,，、\\s]+"))
                            .filter(r -> !r.isBlank())
                            .map(r -> r.strip().toUpperCase(java.util.Locale.ROOT))
                            .toList();
            var added = catalogue.add(new CatalogueEntry(
                    code == null ? null : code.strip().toUpperCase(java.util.Locale.ROOT),
                    null,
                    nameZh,
                    nameEn,
                    results,
                    healthAction,
                    true));
            redirect.addFlashAttribute("saved", added.code());
        } catch (DomainException e) {
            redirect.addFlashAttribute("error", errors.of(e));
            redirect.addFlashAttribute(
                    "draft",
                    java.util.Map.of(
                            "code", code == null ? "" : code,
                            "nameZh", nameZh == null ? "" : nameZh,
                            "nameEn", nameEn == null ? "" : nameEn,
                            "resultCodes", resultCodes == null ? "" : resultCodes));
        }
        return "redirect:/services/catalogue";
    }

    @PostMapping("/services/catalogue/{code}")
    String changeService(
            @PathVariable String code,
            @RequestParam(required = false) String nameZh,
            @RequestParam(required = false) String nameEn,
            @RequestParam(defaultValue = "false") boolean active,
            RedirectAttributes redirect) {
        try {
            catalogue.update(code, nameZh, nameEn, active);
            redirect.addFlashAttribute("saved", code);
        } catch (DomainException e) {
            redirect.addFlashAttribute("error", code + "：" + errors.of(e));
        }
        return "redirect:/services/catalogue";
    }

    /** The scope's own unit, then the places within it (at a city, the chosen street's communities only). */
    private List<org.liudong.org.OrgUnit> units(org.liudong.shared.OrgPath scope, String chosen) {
        var all = new java.util.ArrayList<org.liudong.org.OrgUnit>();
        orgUnits.find(scope.leaf()).ifPresent(all::add);
        all.addAll(orgUnits.choices(scope, chosen, OrgUnits.CHOICE_LIMIT).units());
        return all;
    }

    /** Only local paths, so a crafted form cannot redirect elsewhere. */
    private static String safe(String back, String fallback) {
        if (back == null || !back.startsWith("/") || back.startsWith("//")) {
            return fallback;
        }
        return UriComponentsBuilder.fromUriString(back).build().toUriString();
    }
}
