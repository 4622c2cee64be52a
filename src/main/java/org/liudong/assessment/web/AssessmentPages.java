package org.liudong.assessment.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.liudong.assessment.Agreements;
import org.liudong.assessment.Role;
import org.liudong.assessment.Scorecards;
import org.liudong.exchange.MessageType;
import org.liudong.shared.InvalidInput;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The assessment pages: league table (with its export), a county's scorecard, a partner's, agreements. */
@Controller
class AssessmentPages {

    private final Scorecards scorecards;
    private final Agreements agreements;
    private final MessageSource messages;

    private static final int LEAGUE_PAGE = 100;

    private final Places places;

    private final org.springframework.context.ApplicationEventPublisher events;

    AssessmentPages(
            Scorecards scorecards,
            Agreements agreements,
            MessageSource messages,
            Places places,
            org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.scorecards = scorecards;
        this.agreements = agreements;
        this.messages = messages;
        this.places = places;
    }

    @org.springframework.web.bind.annotation.ModelAttribute("places")
    Places places() {
        return places;
    }

    @GetMapping("/assessment")
    String league(
            @RequestParam(required = false) String period,
            @RequestParam(required = false) String agreement,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) String county,
            Model model) {
        String code = period(period, model);
        Scorecards.League league = scorecards.league(code, agreement);
        model.addAttribute("league", league);
        // a league lists every county the exchange ever knew; in a period without any exchange, point to the data
        if (league.rows().stream().allMatch(r -> r.score() == null)) {
            scorecards
                    .newestYear()
                    .filter(y -> !league.period().startsWith(String.valueOf(y)))
                    .ifPresent(y -> model.addAttribute("newestYear", y));
        }
        // a league of every county the exchange knows runs to thousands of rows: a hundred a page, opening on the
        // page of the county asked for, else on the reader's own county's
        int found;
        if (county == null || county.isBlank()) {
            found = own(league.rows());
        } else {
            found = find(league.rows(), county);
            model.addAttribute("county", county.strip());
            model.addAttribute(
                    "found", found < 0 ? null : league.rows().get(found).card().county());
        }
        int at = page != null ? page : Math.max(found, 0) / LEAGUE_PAGE;
        var shown = org.liudong.shared.Paged.of(league.rows(), at, LEAGUE_PAGE);
        model.addAttribute("rows", shown.items());
        model.addAttribute("page", shown.page());
        model.addAttribute("pages", shown.pages());
        model.addAttribute("pageSize", LEAGUE_PAGE);
        model.addAttribute("agreements", agreements.all());
        model.addAttribute("agreement", agreement == null ? "" : agreement);
        return "assessment/league";
    }

    /** The first row whose county has {@code query} as its code or in its name; -1 when none or none asked. */
    static int find(List<Scorecards.LeagueRow> rows, String query) {
        if (query == null || query.isBlank()) {
            return -1;
        }
        String q = query.strip();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).card().county().equals(q)) {
                return i;
            }
        }
        for (int i = 0; i < rows.size(); i++) {
            String name = rows.get(i).card().countyName();
            if (name != null && name.contains(q)) {
                return i;
            }
        }
        return -1;
    }

    /** The first of the reader's own (not partner) counties in the league; -1 when there is none. */
    static int own(List<Scorecards.LeagueRow> rows) {
        for (int i = 0; i < rows.size(); i++) {
            if (!rows.get(i).card().partner()) {
                return i;
            }
        }
        return -1;
    }

    @GetMapping({"/assessment/league.xlsx", "/assessment/league.csv"})
    void export(
            @RequestParam(required = false) String period,
            @RequestParam(required = false) String agreement,
            jakarta.servlet.http.HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        String code = period == null || period.isBlank() ? defaultPeriod() : period.strip();
        Scorecards.League league = scorecards.league(code, agreement);
        var format = org.liudong.shared.TableFile.Format.ofPath(request.getRequestURI());
        org.liudong.shared.TableFile.startDownload(response, format, "league-" + league.period());
        LeagueSheet.write(
                league,
                name -> messages.getMessage(name, null, name, LocaleContextHolder.getLocale()),
                format,
                response.getOutputStream());
        response.flushBuffer();
        events.publishEvent(org.liudong.shared.ListExported.bySignedInUser(
                "league",
                format,
                league.rows().size(),
                "period=" + league.period() + " agreement=" + (agreement == null ? "" : agreement)));
    }

    @GetMapping("/assessment/scorecards/{code}")
    String scorecard(
            @PathVariable String code,
            @RequestParam(required = false) String period,
            @RequestParam(required = false) String agreement,
            Model model) {
        String p = period(period, model);
        if (agreement != null && !agreement.isBlank()) {
            model.addAttribute(
                    "view",
                    new Scorecards.PartnerView(scorecards.scorecard(code, p, agreement), null, null, null, List.of()));
        } else {
            model.addAttribute("view", scorecards.partner(code, p));
        }
        model.addAttribute("roles", Role.values());
        model.addAttribute("agreement", agreement == null ? "" : agreement);
        return "assessment/scorecard";
    }

    @PostMapping("/assessment/scorecards/send")
    String send(@RequestParam String period, RedirectAttributes redirect) {
        redirect.addFlashAttribute("sent", scorecards.sendNow(period).size());
        return "redirect:/assessment?period=" + period;
    }

    @PostMapping("/assessment/disputes")
    String dispute(
            @RequestParam UUID answer,
            @RequestParam(defaultValue = "") String reason,
            @RequestParam String county,
            @RequestParam String period,
            RedirectAttributes redirect) {
        try {
            scorecards.dispute(answer, reason);
            redirect.addFlashAttribute("disputed", true);
        } catch (InvalidInput e) {
            redirect.addFlashAttribute(
                    "disputeError", e.message(org.springframework.context.i18n.LocaleContextHolder.getLocale()));
        }
        return "redirect:/assessment/scorecards/" + county + "?period=" + period;
    }

    @GetMapping("/assessment/agreements")
    String agreements(Model model) {
        model.addAttribute("agreements", agreements.all());
        model.addAttribute(
                "types",
                Arrays.stream(MessageType.values())
                        .filter(t -> t.answeredBy().isPresent()
                                || t == MessageType.OUTFLOW_NOTICE
                                || t == MessageType.CONTRACEPTION_REPORT
                                || t == MessageType.CHANGE_NOTICE)
                        .toList());
        return "assessment/agreements";
    }

    @PostMapping("/assessment/agreements")
    String create(
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String members,
            @RequestParam(required = false) List<String> types,
            @RequestParam(defaultValue = "") String deadlineType,
            @RequestParam(required = false) Integer deadlineDays,
            @RequestParam(defaultValue = "false") boolean deadlineWorking,
            RedirectAttributes redirect) {
        List<String> codes = Arrays.stream(members.split("[,，\\s]+"))
                .filter(s -> !s.isBlank())
                .toList();
        List<Agreements.DeadlineInput> deadlines = deadlineType.isBlank()
                ? List.of()
                : List.of(new Agreements.DeadlineInput(deadlineType, deadlineDays, deadlineWorking));
        try {
            agreements.create(new Agreements.Draft(name, codes, types == null ? List.of() : types, deadlines));
            redirect.addFlashAttribute("created", name.strip());
        } catch (InvalidInput e) {
            redirect.addFlashAttribute(
                    "error", e.message(org.springframework.context.i18n.LocaleContextHolder.getLocale()));
        }
        return "redirect:/assessment/agreements";
    }

    @org.springframework.web.bind.annotation.ModelAttribute("officer")
    boolean officer() {
        return org.liudong.shared.CurrentScope.user()
                .map(u -> u.roleNames().contains("DISTRICT_OFFICER"))
                .orElse(false);
    }

    /**
     * The period asked for, as its code; a period that cannot be read shows the default one with a message saying
     * why, on the same page, instead of an error page.
     */
    private static String period(String asked, Model model) {
        return org.liudong.indicators.Period.codeOr(
                asked,
                defaultPeriod(),
                refused -> model.addAttribute("periodError", refused.message(LocaleContextHolder.getLocale())));
    }

    private static String defaultPeriod() {
        return String.valueOf(LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear());
    }
}
