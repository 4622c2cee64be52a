package org.liudong.stats.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.liudong.org.OrgLevel;
import org.liudong.org.OrgUnit;
import org.liudong.org.OrgUnits;
import org.liudong.shared.CurrentScope;
import org.liudong.shared.DomainException;
import org.liudong.stats.AggregateData;
import org.liudong.stats.AggregateValue;
import org.liudong.stats.Briefing;
import org.liudong.stats.StatsTables;
import org.liudong.stats.Tables;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

/** The statistics pages: charts with their tables and exports, aggregate data entry, the briefing. */
@Controller
class StatsPages {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final StatsTables tables;
    private final AggregateData aggregates;
    private final Briefing briefing;
    private final OrgUnits orgUnits;

    StatsPages(StatsTables tables, AggregateData aggregates, Briefing briefing, OrgUnits orgUnits) {
        this.orgUnits = orgUnits;
        this.tables = tables;
        this.aggregates = aggregates;
        this.briefing = briefing;
    }

    /** A table with its chart's data as JSON for the chart script. */
    record Shown(String name, String chart, Tables table, String chartRows) {}

    @GetMapping("/stats")
    String stats(
            @RequestParam(required = false) String district,
            @RequestParam(required = false) Integer year,
            Model model,
            java.util.Locale locale) {
        String d = StatsApi.district(district);
        int y = year == null ? LocalDate.now().getYear() : year;
        OrgUnit unit = orgUnits.visible(d);
        Map<String, Shown> shown = new LinkedHashMap<>();
        for (String name : tables.names(unit)) {
            Tables t = tables.table(name, d, y, locale);
            shown.put(name, new Shown(name, chart(name), t, JSON.writeValueAsString(chartRows(name, t))));
        }
        model.addAttribute("district", d);
        model.addAttribute("unit", unit);
        model.addAttribute("year", y);
        // a year not begun yet counts who lives here today: say so instead of showing it as that year's picture
        model.addAttribute("future", y > LocalDate.now().getYear());
        model.addAttribute("shown", shown.values());
        // the briefing describes a district; the aggregate data are entered by the district's office
        model.addAttribute("briefingShown", unit.level() == OrgLevel.DISTRICT);
        model.addAttribute(
                "canEnterAggregates", CurrentScope.requireUser().roleNames().contains("DISTRICT_OFFICER"));
        return "stats/stats";
    }

    private static String chart(String name) {
        return switch (name) {
            case "pyramid" -> "pyramid";
            case "education", "origins" -> "pie";
            case "occupations", "comparison" -> "hbar";
            default -> "bar";
        };
    }

    private static List<Map<String, Object>> chartRows(String name, Tables t) {
        return t.rows().stream()
                .map(r -> switch (name) {
                    case "pyramid" -> Map.<String, Object>of("label", r.get(0), "male", r.get(1), "female", r.get(2));
                    case "growth" -> Map.<String, Object>of("label", r.get(1), "value", r.get(4));
                    case "occupations" -> Map.<String, Object>of("label", r.get(0), "value", r.get(1));
                    case "comparison" ->
                        Map.<String, Object>of("label", r.get(1), "value", r.get(2) == null ? 0 : r.get(2));
                    default -> Map.<String, Object>of("label", r.get(1), "value", r.get(2));
                })
                .toList();
    }

    @GetMapping("/stats/export.xlsx")
    void export(
            @RequestParam String table,
            @RequestParam(required = false) String district,
            @RequestParam(required = false) Integer year,
            HttpServletResponse response,
            java.util.Locale locale)
            throws IOException {
        int y = year == null ? LocalDate.now().getYear() : year;
        Tables t = tables.table(table, StatsApi.district(district), y, locale);
        response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        response.setHeader(
                "Content-Disposition",
                "attachment; filename*=UTF-8''" + URLEncoder.encode(table + "-" + y + ".xlsx", StandardCharsets.UTF_8));
        t.writeXlsx(response.getOutputStream());
    }

    @GetMapping("/stats/briefing")
    String briefing(
            @RequestParam(required = false) String district,
            @RequestParam(required = false) Integer year,
            Model model,
            java.util.Locale locale) {
        int y = year == null ? LocalDate.now().getYear() - 1 : year;
        model.addAttribute("text", briefing.write(StatsApi.district(district), y, locale));
        model.addAttribute("year", y);
        return "stats/briefing";
    }

    @GetMapping("/stats/aggregate")
    String aggregate(Model model) {
        model.addAttribute("elements", aggregates.elements());
        return "stats/aggregate";
    }

    @PostMapping("/stats/aggregate")
    String enter(
            @RequestParam String dataElement,
            @RequestParam String orgUnit,
            @RequestParam String period,
            @RequestParam BigDecimal value,
            RedirectAttributes redirect) {
        try {
            aggregates.save(List.of(new AggregateValue(dataElement, orgUnit, period, value)));
            redirect.addFlashAttribute("saved", 1);
        } catch (DomainException e) {
            redirect.addFlashAttribute(
                    "error", e.message(org.springframework.context.i18n.LocaleContextHolder.getLocale()));
        }
        return "redirect:/stats/aggregate";
    }

    @PostMapping("/stats/aggregate/import")
    String importFile(@RequestParam(name = "file", required = false) MultipartFile file, RedirectAttributes redirect)
            throws IOException {
        try {
            if (file == null || file.isEmpty()) {
                throw new org.liudong.shared.InvalidInput("file", org.liudong.shared.Refusal.of("chooseFile"));
            }
            var read = aggregates.read(file.getOriginalFilename(), file.getInputStream());
            if (read.problems().isEmpty()) {
                redirect.addFlashAttribute("saved", aggregates.save(read.values()));
            } else {
                var locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
                redirect.addFlashAttribute(
                        "problems",
                        read.problems().stream().map(p -> p.text(locale)).toList());
            }
        } catch (DomainException e) {
            redirect.addFlashAttribute(
                    "error", e.message(org.springframework.context.i18n.LocaleContextHolder.getLocale()));
        }
        return "redirect:/stats/aggregate";
    }
}
