package org.liudong.indicators.web;

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
    List<Listed> list() {
        return indicators.all().stream()
                .map(d -> new Listed(d, values.hasSource(d)))
                .toList();
    }

    @GetMapping("/api/v1/indicators/{code}/values")
    IndicatorValue value(
            @PathVariable String code, @RequestParam String orgUnit, @RequestParam(required = false) String period) {
        return values.value(code, orgUnit, period);
    }

    @GetMapping("/api/v1/indicators/{code}/trend")
    List<IndicatorValue> trend(@PathVariable String code, @RequestParam String orgUnit, @RequestParam int year) {
        Period.year(year);
        return values.trend(code, orgUnit, year);
    }

    record TargetInput(String indicator, String orgUnit, String period, BigDecimal value) {}

    @PutMapping("/api/v1/targets")
    Targets.Target setTarget(@RequestBody TargetInput input) {
        return targets.set(input.indicator(), input.orgUnit(), input.period(), input.value());
    }

    record Decision(String comment) {}

    @GetMapping("/api/v1/approvals/{code}")
    Report report(@PathVariable String code, @RequestParam(required = false) String period) {
        return approvals
                .find(code, period)
                .orElseGet(() ->
                        new Report(code, Period.parse(period).code(), "NOT_SUBMITTED", null, null, null, null, null));
    }

    @PostMapping("/api/v1/approvals/{code}/submit")
    Report submit(@PathVariable String code, @RequestParam(required = false) String period) {
        return approvals.submit(code, period);
    }

    @PostMapping("/api/v1/approvals/{code}/approve")
    Report approve(
            @PathVariable String code,
            @RequestParam(required = false) String period,
            @RequestBody(required = false) Decision d) {
        return approvals.approve(code, period, d == null ? null : d.comment());
    }

    @PostMapping("/api/v1/approvals/{code}/return")
    Report returnReport(
            @PathVariable String code,
            @RequestParam(required = false) String period,
            @RequestBody(required = false) Decision d) {
        return approvals.returnReport(code, period, d == null ? null : d.comment());
    }
}
