package org.liudong.assessment.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.liudong.assessment.Agreement;
import org.liudong.assessment.Agreements;
import org.liudong.assessment.Figure;
import org.liudong.assessment.Role;
import org.liudong.assessment.Scorecard;
import org.liudong.assessment.Scorecards;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The assessment's API: scorecards in both roles, the league table, disputes and cooperation agreements. */
@RestController
@Tag(name = "Assessment", description = "Two-way assessment of the exchange and regional cooperation (双向考核, 区域协作)")
class AssessmentApi {

    private final Scorecards scorecards;
    private final Agreements agreements;
    private final MessageSource messages;

    AssessmentApi(Scorecards scorecards, Agreements agreements, MessageSource messages) {
        this.scorecards = scorecards;
        this.agreements = agreements;
        this.messages = messages;
    }

    /** A figure as the API gives it: counts, value, target, status and the formula in words. */
    record FigureView(
            String measure,
            String name,
            String formula,
            long numerator,
            Long denominator,
            BigDecimal value,
            BigDecimal target,
            String status,
            List<org.liudong.assessment.Entry> items) {}

    record ScorecardView(
            String county,
            String name,
            String period,
            LocalDate from,
            LocalDate to,
            LocalDate asOf,
            boolean partner,
            List<String> measuredFrom,
            String agreement,
            Map<Role, List<FigureView>> roles) {}

    @GetMapping("/api/v1/assessment/scorecards")
    @Operation(
            summary =
                    "A county's two-way scorecard for a period: as inflow and as outflow area, each figure with counts, value, target and formula")
    ScorecardView scorecard(
            @RequestParam String county,
            @RequestParam String period,
            @RequestParam(required = false) String agreement) {
        return view(scorecards.scorecard(county, period, agreement));
    }

    record LeagueRowView(
            int rank,
            String county,
            String name,
            boolean partner,
            BigDecimal score,
            Map<String, BigDecimal> trend,
            List<String> worst,
            List<FigureView> figures) {}

    record LeagueView(String period, String agreement, LocalDate asOf, List<LeagueRowView> rows) {}

    @GetMapping("/api/v1/assessment/league")
    @Operation(summary = "The league table of partner counties for a period: score, rank, trend and weakest figures")
    LeagueView league(@RequestParam String period, @RequestParam(required = false) String agreement) {
        Scorecards.League league = scorecards.league(period, agreement);
        return new LeagueView(
                league.period(),
                league.agreement(),
                league.asOf(),
                league.rows().stream()
                        .map(r -> {
                            Map<String, BigDecimal> trend = new java.util.LinkedHashMap<>();
                            for (int i = 0; i < r.trendPeriods().size(); i++) {
                                trend.put(r.trendPeriods().get(i), r.trend().get(i));
                            }
                            return new LeagueRowView(
                                    r.rank(),
                                    r.card().county(),
                                    r.card().countyName(),
                                    r.card().partner(),
                                    r.score(),
                                    trend,
                                    r.worst().stream()
                                            .map(f -> f.measure().name())
                                            .toList(),
                                    r.card().figures().stream()
                                            .map(f -> figure(f, false))
                                            .toList());
                        })
                        .toList());
    }

    record DisputeInput(UUID answer, String reason) {}

    @PostMapping("/api/v1/assessment/disputes")
    @Operation(
            summary =
                    "Dispute an answer a partner gave (its message id) with a reason: a DISPUTE message goes back to them, and the answer counts against their accuracy")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, UUID> dispute(@RequestBody DisputeInput input) {
        return Map.of(
                "dispute",
                scorecards.dispute(input == null ? null : input.answer(), input == null ? null : input.reason()));
    }

    @GetMapping("/api/v1/cooperation/agreements")
    @Operation(summary = "Cooperation agreements (区域协作): partners, message types and stricter deadlines")
    List<Agreement> agreements() {
        return agreements.all();
    }

    @PostMapping("/api/v1/cooperation/agreements")
    @Operation(summary = "Record a cooperation agreement (district officers)")
    @ResponseStatus(HttpStatus.CREATED)
    Agreement create(@RequestBody Agreements.Draft draft) {
        return agreements.create(draft);
    }

    private ScorecardView view(Scorecard card) {
        Map<Role, List<FigureView>> roles = new java.util.EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            roles.put(
                    role, card.figures(role).stream().map(f -> figure(f, true)).toList());
        }
        return new ScorecardView(
                card.county(),
                card.countyName(),
                card.period(),
                card.from(),
                card.to(),
                card.asOf(),
                card.partner(),
                card.measuredFrom(),
                card.agreement(),
                roles);
    }

    private FigureView figure(Figure f, boolean items) {
        var locale = LocaleContextHolder.getLocale();
        return new FigureView(
                f.measure().name(),
                messages.getMessage(
                        "assessment.measure." + f.measure(), null, f.measure().name(), locale),
                messages.getMessage("assessment.formula." + f.measure(), null, "", locale),
                f.numerator(),
                f.denominator(),
                f.value(),
                f.target(),
                f.status(),
                items ? f.entries() : null);
    }
}
