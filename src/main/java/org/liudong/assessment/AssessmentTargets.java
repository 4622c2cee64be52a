package org.liudong.assessment;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.liudong.indicators.Indicators;
import org.liudong.indicators.Period;
import org.liudong.indicators.Targets;
import org.liudong.shared.OrgPath;
import org.springframework.stereotype.Component;

/**
 * The targets a scorecard's figures are held to: the indicators module's targets (set per org unit and period,
 * inherited down the tree, defaults from PRODUCT §5.4) of the indicator each figure names.
 */
@Component
class AssessmentTargets {

    private final Indicators indicators;
    private final Targets targets;

    AssessmentTargets(Indicators indicators, Targets targets) {
        this.indicators = indicators;
        this.targets = targets;
    }

    /** The targets in force for several counties (by their org paths) and a period, resolved together. */
    Map<OrgPath, Map<Measure, BigDecimal>> forCounties(List<OrgPath> paths, Period period) {
        List<OrgPath> distinct = List.copyOf(new java.util.LinkedHashSet<>(paths));
        Map<OrgPath, Map<Measure, BigDecimal>> result = new HashMap<>();
        distinct.forEach(path -> result.put(path, new HashMap<>()));
        if (distinct.isEmpty()) {
            return result;
        }
        for (Measure measure : Measure.values()) {
            if (measure.indicator() == null) {
                continue;
            }
            indicators
                    .find(measure.indicator())
                    .ifPresent(definition -> targets.resolveAll(definition, distinct, period)
                            .forEach((path, target) ->
                                    target.ifPresent(t -> result.get(path).put(measure, t.value()))));
        }
        return result;
    }

    /** The targets in force for a county (by its org path) and period, per measure; absent when none. */
    Map<Measure, BigDecimal> forCounty(OrgPath path, Period period) {
        return forCounties(List.of(path), period).get(path);
    }
}
