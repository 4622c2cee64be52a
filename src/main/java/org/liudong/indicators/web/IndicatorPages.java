package org.liudong.indicators.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.liudong.indicators.Approvals;
import org.liudong.indicators.Board;
import org.liudong.indicators.IndicatorDefinition;
import org.liudong.indicators.IndicatorValue;
import org.liudong.indicators.IndicatorValues;
import org.liudong.indicators.Indicators;
import org.liudong.indicators.Period;
import org.liudong.indicators.Targets;
import org.liudong.org.OrgUnit;
import org.liudong.org.OrgUnits;
import org.liudong.registry.PersonalData;
import org.liudong.shared.CurrentScope;
import org.liudong.shared.DomainException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/** The indicators' pages: the targets board with its drill-down, an indicator's detail and trend, approvals. */
@Controller
class IndicatorPages {

    private final Board board;
    private final Indicators indicators;
    private final IndicatorValues values;
    private final Targets targets;
    private final Approvals approvals;
    private final OrgUnits orgUnits;
    private final org.liudong.registry.LedgerRollups rollups;

    IndicatorPages(
            Board board,
            Indicators indicators,
            IndicatorValues values,
            Targets targets,
            Approvals approvals,
            OrgUnits orgUnits,
            org.liudong.registry.LedgerRollups rollups) {
        this.board = board;
        this.indicators = indicators;
        this.values = values;
        this.targets = targets;
        this.approvals = approvals;
        this.orgUnits = orgUnits;
        this.rollups = rollups;
    }

    @GetMapping("/indicators")
    String board(
            @RequestParam(required = false) String orgUnit,
            @RequestParam(required = false) String period,
            Model model) {
        var user = CurrentScope.requireUser();
        String unit = orgUnit == null || orgUnit.isBlank() ? user.scope().leaf() : orgUnit;
        // a period that cannot be read shows this year's board, with a message on the same page saying why
        String p = Period.codeOr(
                period,
                String.valueOf(LocalDate.now().getYear()),
                refused -> model.addAttribute(
                        "periodError",
                        refused.message(org.springframework.context.i18n.LocaleContextHolder.getLocale())));
        var view = board.view(unit, p);
        model.addAttribute("board", view);
        // a period after the ledger's last arrival shows zeros for most measures: point to the ledger's newest year
        rollups.newestYear()
                .filter(y -> y < view.period().yearNumber())
                .ifPresent(y -> model.addAttribute("newestYear", y));
        model.addAttribute("lineage", lineage(view.unit()));
        model.addAttribute("canReadPersons", PersonalData.canRead(user));
        model.addAttribute("canSetTargets", user.roleNames().contains("DISTRICT_OFFICER"));
        model.addAttribute(
                "report",
                approvals.find(view.unit().code(), view.period().code()).orElse(null));
        model.addAttribute(
                "canSubmit",
                user.roleNames().contains("STREET_OFFICER") || user.roleNames().contains("DISTRICT_OFFICER"));
        model.addAttribute("canDecide", user.roleNames().contains("DISTRICT_OFFICER"));
        return "indicators/board";
    }

    @GetMapping("/indicators/{code}")
    String detail(
            @PathVariable String code,
            @RequestParam(required = false) String orgUnit,
            @RequestParam(required = false) String period,
            Model model) {
        var user = CurrentScope.requireUser();
        IndicatorDefinition indicator = indicators.get(code);
        String unit = orgUnit == null || orgUnit.isBlank() ? user.scope().leaf() : orgUnit;
        Period p = Period.parse(
                period == null || period.isBlank()
                        ? String.valueOf(LocalDate.now().getYear())
                        : period);
        model.addAttribute("indicator", indicator);
        model.addAttribute("value", values.value(code, unit, p.code()));
        model.addAttribute("unit", orgUnits.visible(unit));
        model.addAttribute("period", p);
        model.addAttribute("hasSource", values.hasSource(indicator));
        return "indicators/detail";
    }

    /** The trend as JSON for the page's chart, on the page's session (the API takes tokens only). */
    @GetMapping("/indicators/{code}/trend")
    @ResponseBody
    List<IndicatorValue> trend(@PathVariable String code, @RequestParam String orgUnit, @RequestParam int year) {
        Period.year(year);
        return values.trend(code, orgUnit, year);
    }

    @PostMapping("/indicators/targets")
    String setTarget(
            @RequestParam String indicator,
            @RequestParam String orgUnit,
            @RequestParam String period,
            @RequestParam BigDecimal value,
            @RequestParam(required = false) String back,
            RedirectAttributes redirect) {
        try {
            targets.set(indicator, orgUnit, period, value);
            redirect.addFlashAttribute("saved", true);
        } catch (DomainException e) {
            redirect.addFlashAttribute(
                    "error", e.message(org.springframework.context.i18n.LocaleContextHolder.getLocale()));
        }
        return "redirect:/indicators?orgUnit=" + (back == null ? orgUnit : back) + "&period=" + period;
    }

    @PostMapping("/indicators/approvals")
    String decide(
            @RequestParam String action,
            @RequestParam String orgUnit,
            @RequestParam String period,
            @RequestParam(required = false) String comment,
            RedirectAttributes redirect) {
        try {
            switch (action) {
                case "submit" -> approvals.submit(orgUnit, period);
                case "approve" -> approvals.approve(orgUnit, period, comment);
                case "return" -> approvals.returnReport(orgUnit, period, comment);
                default -> throw new org.liudong.shared.InvalidInput("action", "Unknown action " + action);
            }
        } catch (DomainException e) {
            if (e.status() == 403) {
                throw e;
            }
            redirect.addFlashAttribute(
                    "error", e.message(org.springframework.context.i18n.LocaleContextHolder.getLocale()));
        }
        return "redirect:/indicators?orgUnit=" + orgUnit + "&period=" + period;
    }

    /**
     * The persons behind a community's number: the registry's person list with the indicator's filters, which
     * scopes the list and audits each person read.
     */
    @GetMapping("/indicators/persons")
    String persons(@RequestParam String indicator, @RequestParam String orgUnit) {
        IndicatorDefinition definition = indicators.get(indicator);
        OrgUnit unit = orgUnits.visible(orgUnit);
        var uri = UriComponentsBuilder.fromPath("/persons")
                .queryParam("orgCode", unit.code())
                .queryParam("status", "ACTIVE");
        List<String> categories = definition.filter().categories();
        if (categories.size() == 1) {
            uri.queryParam("category", categories.get(0));
        }
        if (definition.filter().sex() != null) {
            uri.queryParam("sex", definition.filter().sex());
        }
        return "redirect:" + uri.build().encode().toUriString();
    }

    private List<OrgUnit> lineage(OrgUnit unit) {
        var scope = CurrentScope.requireUser().scope();
        return orgUnits.lineage(unit.path()).stream()
                .filter(u -> scope.contains(u.path()))
                .toList();
    }
}
