package org.liudong.sites.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.liudong.org.OrgLevel;
import org.liudong.org.OrgUnits;
import org.liudong.org.ServiceSite;
import org.liudong.org.SiteDetails;
import org.liudong.org.SiteModel;
import org.liudong.shared.CurrentScope;
import org.liudong.shared.DomainException;
import org.liudong.shared.InvalidFields;
import org.liudong.shared.InvalidInput;
import org.liudong.shared.ListExported;
import org.liudong.shared.Paged;
import org.liudong.shared.TableFile;
import org.liudong.sites.Activity;
import org.liudong.sites.AdmissionRefused;
import org.liudong.sites.Admissions;
import org.liudong.sites.Association;
import org.liudong.sites.FourOnesAssessment;
import org.liudong.sites.Rollout;
import org.liudong.sites.SiteInputs;
import org.liudong.sites.SiteMember;
import org.liudong.sites.SiteProgramme;
import org.liudong.sites.SiteQueries;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The sites' pages: the list, a site with its checklist and records, the four-ones board and the rollout. */
@Controller
class SitePages {

    private final SiteProgramme programme;
    private final SiteQueries queries;
    private final FourOnesAssessment assessment;
    private final Admissions admissions;
    private final Rollout rollout;
    private final OrgUnits orgUnits;
    private final MessageSource messages;
    private final org.springframework.context.ApplicationEventPublisher events;

    SitePages(
            SiteProgramme programme,
            SiteQueries queries,
            FourOnesAssessment assessment,
            Admissions admissions,
            Rollout rollout,
            OrgUnits orgUnits,
            MessageSource messages,
            org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.messages = messages;
        this.programme = programme;
        this.queries = queries;
        this.assessment = assessment;
        this.admissions = admissions;
        this.rollout = rollout;
        this.orgUnits = orgUnits;
    }

    /** Sites a page of the list shows. */
    static final int PAGE_SIZE = 50;

    @GetMapping("/sites")
    String list(
            @RequestParam(required = false) Integer year,
            @RequestParam(required = false) String street,
            @RequestParam(required = false) SiteModel model,
            @RequestParam(defaultValue = "0") int page,
            Model view) {
        var user = CurrentScope.requireUser();
        int y = year(year);
        var rollUp = assessment.rollUp(scopeCode(), y);
        var streets = orgUnits.within(user.scope(), OrgLevel.STREET);
        Map<String, String> communities = orgUnits.names(user.scope(), OrgLevel.COMMUNITY);
        String streetCode = street == null || street.isBlank() ? null : street.strip();
        List<FourOnesAssessment.SiteResult> chosen = chosen(rollUp, streetCode, model);
        var shown = Paged.of(chosen, page, PAGE_SIZE);
        view.addAttribute("year", y);
        view.addAttribute("years", years());
        view.addAttribute("results", shown.items());
        view.addAttribute("matching", chosen.size());
        view.addAttribute("page", shown.page());
        view.addAttribute("pages", shown.pages());
        view.addAttribute("streets", streets);
        view.addAttribute("street", streetCode);
        view.addAttribute("siteModel", model);
        view.addAttribute("models", SiteModel.values());
        view.addAttribute("communityNames", communities);
        view.addAttribute("total", rollUp.total());
        view.addAttribute(
                "canOpen",
                user.roleNames().stream()
                        .anyMatch(r -> List.of("DISTRICT_OFFICER", "STREET_OFFICER", "COMMUNITY_WORKER")
                                .contains(r)));
        return "sites/list";
    }

    /** The sites of the list: of a street (all when null) and a model (all when null). */
    private static List<FourOnesAssessment.SiteResult> chosen(
            FourOnesAssessment.RollUp rollUp, String streetCode, SiteModel model) {
        return rollUp.sites().stream()
                .filter(r -> streetCode == null || r.site().communityCode().startsWith(streetCode))
                .filter(r -> model == null || r.site().model() == model)
                .toList();
    }

    /** The list's sites with the list's filter, each with its four ones of the year, as a file (audited). */
    @GetMapping({"/sites/export.xlsx", "/sites/export.csv"})
    void export(
            @RequestParam(required = false) Integer year,
            @RequestParam(required = false) String street,
            @RequestParam(required = false) SiteModel model,
            jakarta.servlet.http.HttpServletRequest request,
            jakarta.servlet.http.HttpServletResponse response,
            java.util.Locale locale)
            throws java.io.IOException {
        TableFile.Format format = TableFile.Format.ofPath(request.getRequestURI());
        var user = CurrentScope.requireUser();
        int y = year(year);
        String streetCode = street == null || street.isBlank() ? null : street.strip();
        var chosen = chosen(assessment.rollUp(scopeCode(), y), streetCode, model);
        Map<String, String> communities = orgUnits.names(user.scope(), OrgLevel.COMMUNITY);
        java.util.function.Function<String, String> say = key -> messages.getMessage(key, null, key, locale);
        List<String> header = List.of(
                say.apply("site.code"),
                say.apply("site.name"),
                say.apply("site.model"),
                say.apply("site.community"),
                say.apply("site.communityCode"),
                say.apply("site.headcount"),
                say.apply("four.ledger.short"),
                say.apply("four.organisation.short"),
                say.apply("four.publicity.short"),
                say.apply("four.service.short"));
        TableFile.startDownload(response, format, say.apply("sites.title") + "-" + y);
        int rows;
        try (TableFile file = TableFile.open(format, String.valueOf(y), header, response.getOutputStream())) {
            for (var r : chosen) {
                var site = r.site();
                var four = r.fourOnes();
                java.util.function.Function<Boolean, String> met = m -> say.apply(m ? "four.met" : "four.unmet");
                file.row(java.util.Arrays.asList(
                        site.code(),
                        site.name(),
                        say.apply("model." + site.model()),
                        communities.getOrDefault(site.communityCode(), site.communityCode()),
                        site.communityCode(),
                        site.estimatedHeadcount(),
                        met.apply(four.ledger().met()),
                        met.apply(four.organisation().met()),
                        met.apply(four.publicity().met()),
                        met.apply(four.service().met())));
            }
            rows = file.finish();
        }
        response.flushBuffer();
        events.publishEvent(ListExported.bySignedInUser(
                "sites",
                format,
                rows,
                "year=" + y + " street=" + (streetCode == null ? "" : streetCode) + " model="
                        + (model == null ? "" : model.name())));
    }

    @GetMapping("/sites/new")
    String newSite(Model model) {
        model.addAttribute("form", Map.of());
        return form(model, null);
    }

    @PostMapping("/sites")
    String open(@RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        try {
            ServiceSite site = programme.open(form.get("communityCode"), details(form));
            redirect.addFlashAttribute("saved", true);
            return "redirect:/sites/" + site.id();
        } catch (InvalidFields | InvalidInput e) {
            model.addAttribute("form", form);
            model.addAttribute("errors", errors(e));
            return form(model, null);
        }
    }

    @GetMapping("/sites/{id}/edit")
    String edit(@PathVariable long id, Model model) {
        ServiceSite site = queries.site(id);
        model.addAttribute(
                "form",
                Map.of(
                        "name", site.name(),
                        "model", site.model().name(),
                        "stationName", text(site.stationName()),
                        "address", text(site.address()),
                        "estimatedHeadcount", text(site.estimatedHeadcount()),
                        "capacity", text(site.capacity()),
                        "establishedOn", text(site.establishedOn()),
                        "version", String.valueOf(site.version())));
        return form(model, site);
    }

    @PostMapping("/sites/{id}/edit")
    String update(
            @PathVariable long id, @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        try {
            programme.edit(id, Integer.parseInt(form.getOrDefault("version", "0")), details(form));
            redirect.addFlashAttribute("saved", true);
            return "redirect:/sites/" + id;
        } catch (InvalidFields | InvalidInput e) {
            model.addAttribute("form", form);
            model.addAttribute("errors", errors(e));
            return form(model, queries.site(id));
        }
    }

    @GetMapping("/sites/{id}")
    String site(@PathVariable long id, @RequestParam(required = false) Integer year, Model model) {
        var user = CurrentScope.requireUser();
        int y = year(year);
        model.addAttribute("view", queries.view(id));
        model.addAttribute("fourOnes", assessment.forSite(id, y));
        model.addAttribute("year", y);
        model.addAttribute("years", years());
        model.addAttribute("today", LocalDate.now());
        model.addAttribute("memberKinds", SiteMember.Kind.values());
        model.addAttribute("activityKinds", Activity.Kind.values());
        model.addAttribute("roles", user.roleNames());
        return "sites/site";
    }

    @PostMapping("/sites/{id}/close")
    String close(
            @PathVariable long id,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on,
            RedirectAttributes redirect) {
        return act(id, redirect, () -> programme.close(id, on));
    }

    @PostMapping("/sites/{id}/members")
    String addMember(
            @PathVariable long id,
            @RequestParam(required = false) SiteMember.Kind kind,
            @RequestParam(required = false) String duty,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String phone,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate since,
            RedirectAttributes redirect) {
        return act(
                id, redirect, () -> programme.addMember(id, new SiteInputs.NewMember(kind, duty, name, phone, since)));
    }

    @PostMapping("/sites/{id}/members/{memberId}/replace")
    String replace(
            @PathVariable long id,
            @PathVariable long memberId,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String phone,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on,
            RedirectAttributes redirect) {
        return act(id, redirect, () -> programme.replaceMember(memberId, new SiteInputs.Replacement(name, phone, on)));
    }

    @PostMapping("/sites/{id}/association")
    String association(
            @PathVariable long id,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String chair,
            @RequestParam(required = false) Integer members,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate foundedOn,
            RedirectAttributes redirect) {
        return act(id, redirect, () -> {
            programme.saveAssociation(id, new Association(name, chair, members, foundedOn));
            return null;
        });
    }

    @PostMapping("/sites/{id}/publicity")
    String publicity(
            @PathVariable long id,
            @RequestParam(required = false) String what,
            @RequestParam(required = false) String location,
            RedirectAttributes redirect) {
        return act(id, redirect, () -> {
            programme.savePublicity(id, new SiteInputs.PublicityPosition(what, location));
            return null;
        });
    }

    @PostMapping("/sites/{id}/publicity/updates")
    String publicityUpdate(
            @PathVariable long id,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on,
            @RequestParam(required = false) String content,
            RedirectAttributes redirect) {
        return act(id, redirect, () -> {
            programme.updatePublicity(id, new SiteInputs.PublicityUpdate(on, content));
            return null;
        });
    }

    @PostMapping("/sites/{id}/activities")
    String activity(
            @PathVariable long id,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate heldOn,
            @RequestParam(required = false) Activity.Kind kind,
            @RequestParam(required = false) String topic,
            @RequestParam(required = false) String organiser,
            @RequestParam(required = false) Integer headcount,
            @RequestParam(required = false) String personIds,
            RedirectAttributes redirect) {
        return act(
                id,
                redirect,
                () -> programme.recordActivity(
                        id, new SiteInputs.NewActivity(heldOn, kind, topic, organiser, headcount, ids(personIds))));
    }

    @PostMapping("/sites/{id}/admission/{step}")
    String admission(
            @PathVariable long id,
            @PathVariable String step,
            @RequestParam(defaultValue = "true") boolean passed,
            @RequestParam(required = false) String note,
            RedirectAttributes redirect) {
        return act(id, redirect, () -> switch (step) {
            case "apply" -> admissions.apply(id, null, note);
            case "check" -> admissions.check(id, passed, null, note);
            case "admit" -> admissions.admit(id, passed, null, note);
            default -> throw new InvalidInput("step", "Unknown step " + step);
        });
    }

    @GetMapping("/sites/board")
    String board(
            @RequestParam(required = false) String unit, @RequestParam(required = false) Integer year, Model model) {
        int y = year(year);
        var rollUp = assessment.rollUp(unit == null || unit.isBlank() ? scopeCode() : unit, y);
        model.addAttribute("rollUp", rollUp);
        model.addAttribute(
                "unmet",
                rollUp.sites().stream().filter(r -> !r.fourOnes().allMet()).toList());
        var scope = CurrentScope.requireUser().scope();
        model.addAttribute(
                "lineage",
                orgUnits.lineage(rollUp.unit().path()).stream()
                        .filter(u -> scope.contains(u.path()))
                        .toList());
        model.addAttribute("year", y);
        model.addAttribute("years", years());
        return "sites/board";
    }

    @GetMapping("/sites/rollout")
    String rollout(
            @RequestParam(required = false) String unit, @RequestParam(required = false) Integer year, Model model) {
        int y = year(year);
        String code = unit == null || unit.isBlank() ? scopeCode() : unit;
        List<Rollout.Report> reports = new ArrayList<>();
        for (int each = 2011;
                each <= Math.max(2014, y) && each <= LocalDate.now().getYear();
                each++) {
            reports.add(rollout.report(code, each));
        }
        model.addAttribute("report", rollout.report(code, y));
        model.addAttribute("byYear", reports);
        model.addAttribute("year", y);
        model.addAttribute("years", years());
        return "sites/rollout";
    }

    private String form(Model model, ServiceSite site) {
        var scope = CurrentScope.requireUser().scope();
        model.addAttribute("site", site);
        model.addAttribute("models", SiteModel.values());
        Object chosen = model.getAttribute("form") instanceof Map<?, ?> form ? form.get("communityCode") : null;
        var choice = orgUnits.communityChoice(scope, chosen == null ? null : chosen.toString());
        model.addAttribute("communityChoice", choice);
        model.addAttribute("communities", choice.communities());
        return "sites/form";
    }

    private String act(long id, RedirectAttributes redirect, Supplier<Object> action) {
        try {
            action.get();
            redirect.addFlashAttribute("saved", true);
        } catch (InvalidFields | InvalidInput e) {
            redirect.addFlashAttribute("actionErrors", List.copyOf(errors(e).values()));
        } catch (AdmissionRefused e) {
            redirect.addFlashAttribute("actionErrors", List.of(refusal(e)));
        } catch (DomainException e) {
            if (e.status() == 403 || e.status() == 404) {
                throw e;
            }
            redirect.addFlashAttribute("actionErrors", List.of(e.message(LocaleContextHolder.getLocale())));
        }
        return "redirect:/sites/" + id;
    }

    /** An admission refused, in the page's language, with what is missing by name. */
    private String refusal(AdmissionRefused e) {
        var locale = LocaleContextHolder.getLocale();
        String missing = e.missing().stream()
                .map(code -> messages.getMessage("missing." + code, null, code, locale))
                .collect(Collectors.joining(org.liudong.shared.Languages.english(locale) ? ", " : "、"));
        return messages.getMessage(
                "admission.refused." + e.reason().name(), new Object[] {missing}, e.getMessage(), locale);
    }

    private static SiteDetails details(Map<String, String> form) {
        List<InvalidFields.Violation> errors = new ArrayList<>();
        Integer headcount = number(form, "estimatedHeadcount", errors);
        Integer capacity = number(form, "capacity", errors);
        LocalDate established = null;
        String date = form.get("establishedOn");
        if (date != null && !date.isBlank()) {
            try {
                established = LocalDate.parse(date.strip());
            } catch (java.time.format.DateTimeParseException e) {
                errors.add(new InvalidFields.Violation("establishedOn", "FORMAT", "日期格式应为 2013-01-31"));
            }
        }
        SiteModel model = null;
        String modelName = form.get("model");
        if (modelName != null && !modelName.isBlank()) {
            model = SiteModel.valueOf(modelName);
        }
        if (!errors.isEmpty()) {
            throw new InvalidFields(errors);
        }
        return new SiteDetails(
                form.get("name"),
                model,
                form.get("stationName"),
                form.get("address"),
                headcount,
                capacity,
                established);
    }

    private static Integer number(Map<String, String> form, String field, List<InvalidFields.Violation> errors) {
        String value = form.get(field);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            errors.add(new InvalidFields.Violation(field, "FORMAT", "请填写整数"));
            return null;
        }
    }

    private static List<Long> ids(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        try {
            return Arrays.stream(text.split("[,，\\s]+"))
                    .filter(s -> !s.isBlank())
                    .map(Long::valueOf)
                    .toList();
        } catch (NumberFormatException e) {
            throw new InvalidInput("personIds", "参加人员编号应为数字，用逗号分隔");
        }
    }

    /**
     * A refused form's errors by field, in the reader's language: in Chinese the rules' own words (which name
     * their field), in English the field's name and the error by its code ({@code violation.*}).
     */
    private Map<String, String> errors(DomainException e) {
        if (e instanceof InvalidFields invalid) {
            var locale = LocaleContextHolder.getLocale();
            return invalid.violations().stream()
                    .collect(Collectors.toMap(
                            InvalidFields.Violation::field,
                            v -> org.liudong.shared.Languages.fieldError(messages, v, locale, "sites.field."),
                            (a, b) -> a,
                            java.util.LinkedHashMap::new));
        }
        InvalidInput invalid = (InvalidInput) e;
        return Map.of(invalid.field(), invalid.message(LocaleContextHolder.getLocale()));
    }

    private static String scopeCode() {
        return CurrentScope.requireUser().scope().leaf();
    }

    private static int year(Integer year) {
        return year == null ? LocalDate.now().getYear() : year;
    }

    private static List<Integer> years() {
        List<Integer> years = new ArrayList<>();
        for (int y = LocalDate.now().getYear(); y >= 2011; y--) {
            years.add(y);
        }
        return years;
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
