package org.liudong.indicators.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.util.List;
import org.liudong.indicators.Approvals;
import org.liudong.indicators.IndicatorDefinition;
import org.liudong.indicators.IndicatorValue;
import org.liudong.indicators.IndicatorValues;
import org.liudong.indicators.Indicators;
import org.liudong.indicators.Period;
import org.liudong.indicators.Report;
import org.liudong.indicators.Targets;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The indicators' API: definitions, values, trends, targets and the approval of a street's report. */
@RestController
@Tag(
        name = "Indicators and targets",
        description = "Indicators, targets and the approval of streets' reports (指标, 目标, 审核)")
class IndicatorApi {

    private final Indicators indicators;
    private final IndicatorValues values;
    private final Targets targets;
    private final Approvals approvals;

    IndicatorApi(Indicators indicators, IndicatorValues values, Targets targets, Approvals approvals) {
        this.indicators = indicators;
        this.values = values;
        this.targets = targets;
        this.approvals = approvals;
    }

    /** A definition as listed, with whether a module counts its measures yet. */
    record Listed(IndicatorDefinition definition, boolean hasSource) {}

    @GetMapping("/api/v1/indicators")
    @Operation(
            summary =
                    "Every indicator's definition (numerator, denominator, filters), and whether its figures are counted yet")
    List<Listed> list() {
        return indicators.all().stream()
                .map(d -> new Listed(d, values.hasSource(d)))
                .toList();
    }

    @GetMapping("/api/v1/indicators/{code}/values")
    @Operation(
            summary =
                    "An indicator's value for an org unit and period, from current data, with its target, achievement and colour")
    IndicatorValue value(
            @PathVariable String code, @RequestParam String orgUnit, @RequestParam(required = false) String period) {
        return values.value(code, orgUnit, period);
    }

    @GetMapping("/api/v1/indicators/{code}/trend")
    @Operation(summary = "An indicator's value for each month of a year up to now")
    List<IndicatorValue> trend(@PathVariable String code, @RequestParam String orgUnit, @RequestParam int year) {
        Period.year(year);
        return values.trend(code, orgUnit, year);
    }

    record TargetInput(String indicator, String orgUnit, String period, BigDecimal value) {}

    @PutMapping("/api/v1/targets")
    @Operation(
            summary =
                    "Set an org unit's own target for an indicator and period (district officers); units below inherit it unless they have their own")
    Targets.Target setTarget(@RequestBody TargetInput input) {
        return targets.set(input.indicator(), input.orgUnit(), input.period(), input.value());
    }

    record Decision(String comment) {}

    @GetMapping("/api/v1/approvals/{code}")
    @Operation(
            summary =
                    "A street's report for a period: NOT_SUBMITTED, SUBMITTED, RETURNED or APPROVED, with its frozen figures")
    Report report(@PathVariable String code, @RequestParam(required = false) String period) {
        return approvals
                .find(code, period)
                .orElseGet(() ->
                        new Report(code, Period.parse(period).code(), "NOT_SUBMITTED", null, null, null, null, null));
    }

    @PostMapping("/api/v1/approvals/{code}/submit")
    @Operation(
            summary =
                    "Submit a street's figures for a period (street officer); freezes them until approved or returned")
    Report submit(@PathVariable String code, @RequestParam(required = false) String period) {
        return approvals.submit(code, period);
    }

    @PostMapping("/api/v1/approvals/{code}/approve")
    @Operation(summary = "Approve a submitted report (district officer), with an optional comment; locks the period")
    Report approve(
            @PathVariable String code,
            @RequestParam(required = false) String period,
            @RequestBody(required = false) Decision d) {
        return approvals.approve(code, period, d == null ? null : d.comment());
    }

    @PostMapping("/api/v1/approvals/{code}/return")
    @Operation(summary = "Return a submitted report to the street (district officer), with a comment saying why")
    Report returnReport(
            @PathVariable String code,
            @RequestParam(required = false) String period,
            @RequestBody(required = false) Decision d) {
        return approvals.returnReport(code, period, d == null ? null : d.comment());
    }
}
