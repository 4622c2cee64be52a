package org.liudong.assessment;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.liudong.exchange.ExchangeRecords;
import org.liudong.indicators.MeasureSource;
import org.liudong.indicators.Period;
import org.liudong.shared.OrgPath;
import org.springframework.stereotype.Component;

/**
 * The assessment's counts as indicator measures, so that its rates appear on the indicators board with their
 * targets. The exchange is county-level: a county or anything above it counts its served counties' messages;
 * a street or community counts nothing (its rates show no data rather than its county's figures twice).
 */
@Component
class ExchangeMeasures implements MeasureSource {

    private static final Map<String, Measure> NUMERATORS = Map.of(
            "EXCH_NOTICES_ON_TIME", Measure.NOTIFIED,
            "EXCH_REQUESTS_ANSWERED", Measure.ANSWERED,
            "EXCH_REQUESTS_ON_TIME", Measure.ANSWERED_ON_TIME,
            "EXCH_ANSWERS_ACCURATE", Measure.ACCURACY);
    private static final Map<String, Measure> DENOMINATORS = Map.of(
            "EXCH_NOTICES", Measure.NOTIFIED,
            "EXCH_REQUESTS_DUE", Measure.ANSWERED,
            "EXCH_ANSWERS", Measure.ACCURACY);

    private final ExchangeRecords records;
    private final Scorecards scorecards;

    ExchangeMeasures(ExchangeRecords records, Scorecards scorecards) {
        this.records = records;
        this.scorecards = scorecards;
    }

    @Override
    public Set<String> measures() {
        return Set.of(
                "EXCH_NOTICES_ON_TIME",
                "EXCH_NOTICES",
                "EXCH_REQUESTS_ANSWERED",
                "EXCH_REQUESTS_ON_TIME",
                "EXCH_REQUESTS_DUE",
                "EXCH_ANSWERS_ACCURATE",
                "EXCH_ANSWERS");
    }

    @Override
    public long count(String measure, OrgPath path, LocalDate from, LocalDate to) {
        if (path.depth() > 2) {
            return 0;
        }
        List<String> counties = records.servedCounties().stream()
                .filter(c -> path.segments().contains(c) || (path.depth() == 1 && c.startsWith(path.leaf())))
                .toList();
        if (counties.isEmpty()) {
            return 0;
        }
        List<ExchangeRecords.Item> items = records.involving(counties);
        Period period = new Period(Period.Type.MONTH, from.toString(), from, to);
        LocalDate today = scorecards.today();
        long total = 0;
        for (String county : counties) {
            Scorecard card = scorecards.compute(county, period, null, null, items, today);
            Measure numerator = NUMERATORS.get(measure);
            if (numerator != null) {
                total += card.figure(numerator).numerator();
            } else {
                Long denominator = card.figure(DENOMINATORS.get(measure)).denominator();
                total += denominator == null ? 0 : denominator;
            }
        }
        return total;
    }
}
