package org.liudong.registry.web;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.liudong.divisions.Divisions;
import org.liudong.eligibility.Category;
import org.liudong.org.OrgLevel;
import org.liudong.org.OrgUnits;
import org.liudong.registry.Codes;
import org.liudong.registry.DuplicatePerson;
import org.liudong.registry.PersonFilter;
import org.liudong.registry.PersonInput;
import org.liudong.registry.PersonQueries;
import org.liudong.registry.PersonRegistration;
import org.liudong.registry.PersonalData;
import org.liudong.registry.PossibleDuplicate;
import org.liudong.registry.StaleVersion;
import org.liudong.shared.CurrentScope;
import org.liudong.shared.InvalidFields;
import org.liudong.shared.InvalidInput;
import org.liudong.shared.Languages;
import org.liudong.shared.Refusal;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The ledger's pages: the list with filters, the person page with tabs, register, edit, move, verify. */
@Controller
class PersonPages {

    private final PersonRegistration registration;
    private final PersonQueries queries;
    private final Codes codes;
    private final OrgUnits orgUnits;
    private final ChangeValues changeValues;
    private final MessageSource messages;
    private final Divisions divisions;

    PersonPages(
            PersonRegistration registration,
            PersonQueries queries,
            Codes codes,
            OrgUnits orgUnits,
            ChangeValues changeValues,
            MessageSource messages,
            Divisions divisions) {
        this.divisions = divisions;
        this.registration = registration;
        this.queries = queries;
        this.codes = codes;
        this.orgUnits = orgUnits;
        this.changeValues = changeValues;
        this.messages = messages;
    }

    @ModelAttribute
    void common(Model model) {
        model.addAttribute("codes", codes);
        model.addAttribute("changeValues", changeValues);
        model.addAttribute("categories", Category.values());
    }

    @GetMapping("/persons")
    String list(
            @ModelAttribute("filter") PersonFilter filter,
            @RequestParam(defaultValue = "0") int page,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            Model model) {
        var scope = CurrentScope.requireUser().scope();
        model.addAttribute("result", queries.search(filter, page, 20));
        if (htmx != null) {
            return "registry/persons :: table";
        }
        // the places the list can be narrowed to: streets, each followed by its communities (a city's districts and
        // streets, then the chosen street's communities)
        var places = orgUnits.choices(scope, filter.orgCode(), OrgUnits.CHOICE_LIMIT);
        model.addAttribute("places", places.units());
        model.addAttribute("placesNarrow", places.narrowsFurther());
        model.addAttribute("placeDepth", scope.depth() + 1);
        model.addAttribute("provinces", divisions.provinces());
        model.addAttribute("canWrite", PersonalData.canWrite(CurrentScope.requireUser()));
        return "registry/persons";
    }

    @PostMapping("/persons/find")
    String findByIdNumber(@RequestParam String idNumber, RedirectAttributes redirect) {
        try {
            return queries.findByIdNumber(idNumber)
                    .map(found -> "redirect:/persons/" + found.id())
                    .orElseGet(() -> {
                        redirect.addFlashAttribute("notFound", true);
                        return "redirect:/persons";
                    });
        } catch (InvalidFields e) {
            redirect.addFlashAttribute("idError", e.violations().get(0).message());
            return "redirect:/persons";
        }
    }

    @GetMapping("/persons/new")
    String newPerson(Model model) {
        PersonForm form = new PersonForm();
        form.setMovedIn(LocalDate.now().toString());
        form.setReason("WORK_BUSINESS");
        return form(model, form, Map.of(), false);
    }

    @PostMapping("/persons")
    String register(@ModelAttribute("form") PersonForm form, Model model, RedirectAttributes redirect, Locale locale) {
        try {
            var registered = registration.register(form.toInput(), form.isConfirmDuplicate());
            redirect.addFlashAttribute("notices", registered.notices());
            redirect.addFlashAttribute("registered", true);
            return "redirect:/persons/" + registered.person().id();
        } catch (DuplicatePerson e) {
            redirect.addFlashAttribute("duplicateOf", true);
            return "redirect:/persons/" + e.existingId();
        } catch (PossibleDuplicate e) {
            model.addAttribute("possibleDuplicates", e.candidates());
            return form(model, form, Map.of(), false);
        } catch (InvalidFields e) {
            return form(model, form, fieldErrors(e, locale), false);
        }
    }

    @GetMapping("/persons/{id}")
    String person(@PathVariable long id, @RequestParam(defaultValue = "basic") String tab, Model model) {
        var user = CurrentScope.requireUser();
        model.addAttribute("person", queries.get(id, "page"));
        // the page's read of the person is audited once, by get
        model.addAttribute("history", queries.history(id, null));
        model.addAttribute("tab", tab);
        model.addAttribute("canWrite", PersonalData.canWrite(user));
        model.addAttribute("canReveal", PersonalData.canRevealIdNumber(user));
        model.addAttribute("canMerge", PersonalData.canMerge(user));
        var choice = orgUnits.communityChoice(user.scope(), null);
        model.addAttribute("communityChoice", choice);
        model.addAttribute("communities", choice.communities());
        model.addAttribute("today", LocalDate.now());
        return "registry/person";
    }

    @PostMapping("/persons/{id}/id-number")
    @ResponseBody
    String reveal(@PathVariable long id) {
        return "<code class=\"fs-6\">" + queries.revealIdNumber(id) + "</code>";
    }

    @GetMapping("/persons/{id}/edit")
    String edit(@PathVariable long id, Model model) {
        var editable = queries.editable(id);
        model.addAttribute("personId", id);
        return form(model, PersonForm.of(editable), Map.of(), true);
    }

    @PostMapping("/persons/{id}/edit")
    String update(
            @PathVariable long id,
            @ModelAttribute("form") PersonForm form,
            Model model,
            RedirectAttributes redirect,
            Locale locale) {
        model.addAttribute("personId", id);
        try {
            registration.update(id, form.getVersion(), form.toInput());
            redirect.addFlashAttribute("saved", true);
            return "redirect:/persons/" + id;
        } catch (StaleVersion e) {
            model.addAttribute("conflict", e.changes());
            form.setVersion(e.currentVersion());
            return form(model, form, Map.of(), true);
        } catch (DuplicatePerson e) {
            return form(
                    model,
                    form,
                    Map.of(
                            "idNumber",
                            messages.getMessage(
                                    "form.idNumberTaken", new Object[] {String.valueOf(e.existingId())}, locale)),
                    true);
        } catch (InvalidFields e) {
            return form(model, form, fieldErrors(e, locale), true);
        }
    }

    @PostMapping("/persons/{id}/verify")
    String verify(@PathVariable long id, @RequestParam(required = false) String on, RedirectAttributes redirect) {
        try {
            registration.verify(id, on == null || on.isBlank() ? null : LocalDate.parse(on), null);
            redirect.addFlashAttribute("verified", true);
        } catch (InvalidFields | InvalidInput | java.time.format.DateTimeParseException e) {
            redirect.addFlashAttribute("actionError", refusal(e));
        }
        return "redirect:/persons/" + id + "?tab=residence";
    }

    /**
     * Why a verification or a move was refused, in the reader's language: every field's error, the refusal, or
     * the date's format.
     */
    private String refusal(RuntimeException e) {
        var locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
        if (e instanceof InvalidFields fields) {
            return actionError(fields);
        }
        if (e instanceof org.liudong.shared.DomainException refused) {
            return refused.message(locale);
        }
        return Refusal.of("dateFormat").text(locale);
    }

    /** A refused action's field errors, all of them, in the reader's language (not the exception's summary). */
    private String actionError(InvalidFields e) {
        var locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
        return String.join(Languages.clauses(locale), fieldErrors(e, locale).values());
    }

    @PostMapping("/persons/{id}/merge")
    String merge(@PathVariable long id, @RequestParam String mergeId, RedirectAttributes redirect) {
        try {
            registration.merge(id, Long.parseLong(mergeId.strip()));
            redirect.addFlashAttribute("saved", true);
        } catch (NumberFormatException e) {
            redirect.addFlashAttribute(
                    "actionError",
                    Refusal.of("mergeId").text(org.springframework.context.i18n.LocaleContextHolder.getLocale()));
        } catch (InvalidFields e) {
            redirect.addFlashAttribute("actionError", actionError(e));
        } catch (InvalidInput e) {
            redirect.addFlashAttribute(
                    "actionError", e.message(org.springframework.context.i18n.LocaleContextHolder.getLocale()));
        } catch (org.liudong.registry.PersonNotFound e) {
            redirect.addFlashAttribute(
                    "actionError",
                    Refusal.of("mergeNotFound", mergeId.strip())
                            .text(org.springframework.context.i18n.LocaleContextHolder.getLocale()));
        }
        return "redirect:/persons/" + id + "?tab=history";
    }

    @PostMapping("/persons/{id}/move")
    String move(
            @PathVariable long id,
            @RequestParam String type,
            @RequestParam String on,
            @RequestParam(required = false) String communityCode,
            @RequestParam(required = false) String address,
            @RequestParam(required = false) String housingType,
            @RequestParam(required = false) String destinationCode,
            RedirectAttributes redirect) {
        try {
            registration.move(
                    id,
                    new PersonRegistration.Move(
                            type,
                            LocalDate.parse(on),
                            new PersonInput.ResidenceInput(communityCode, address, housingType, null, null, false),
                            destinationCode));
            redirect.addFlashAttribute("moved", true);
        } catch (InvalidFields | InvalidInput | java.time.format.DateTimeParseException e) {
            redirect.addFlashAttribute("actionError", refusal(e));
        }
        return "redirect:/persons/" + id + "?tab=residence";
    }

    private String form(Model model, PersonForm form, Map<String, String> errors, boolean editing) {
        var user = CurrentScope.requireUser();
        var scope = user.scope();
        model.addAttribute("form", form);
        // an edit shows what the role may see; a new person is typed in whole by whoever registers them
        model.addAttribute("idNumbersMasked", editing && !PersonalData.canRevealIdNumber(user));
        model.addAttribute("reproductiveHidden", editing && !PersonalData.canSeeReproductiveHealth(user));
        model.addAttribute("errors", errors);
        model.addAttribute("editing", editing);
        var choice = orgUnits.communityChoice(scope, form.getCommunityCode());
        model.addAttribute("communityChoice", choice);
        model.addAttribute("communities", choice.communities());
        model.addAttribute("streetNames", streetNames(scope));
        return "registry/form";
    }

    private Map<String, String> streetNames(org.liudong.shared.OrgPath scope) {
        Map<String, String> names = new LinkedHashMap<>();
        orgUnits.within(scope, OrgLevel.STREET).forEach(street -> names.put(street.code(), street.name()));
        orgUnits.lineage(scope).forEach(unit -> names.put(unit.code(), unit.name()));
        return names;
    }

    /**
     * Maps the validation's field paths to the form's field names; several messages for one field are joined, each
     * in the reader's language ({@link Languages#violation}).
     */
    Map<String, String> fieldErrors(InvalidFields e, Locale locale) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (InvalidFields.Violation violation : e.violations()) {
            errors.merge(
                    formField(violation.field()),
                    Languages.violation(messages, violation, locale),
                    (a, b) -> a + Languages.clauses(locale) + b);
        }
        return errors;
    }

    static String formField(String path) {
        if (path.startsWith("residence.")) {
            return path.substring("residence.".length());
        }
        if (path.startsWith("spouse.")) {
            return "spouse" + capitalise(path.substring("spouse.".length()));
        }
        if (path.startsWith("certificate.")) {
            return "cert" + capitalise(path.substring("certificate.".length()));
        }
        return path;
    }

    private static String capitalise(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
