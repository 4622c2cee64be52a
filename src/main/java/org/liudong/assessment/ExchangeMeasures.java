package org.liudong.assessment;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.liudong.exchange.ExchangeRecords;
import org.liudong.indicators.MeasureSource;
import org.liudong.indicators.Period;
import org.liudong.shared.OrgPath;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The assessment's counts as indicator measures, so that its rates appear on the indicators board with their
 * targets. The exchange is county-level: a county or anything above it counts its served counties' messages;
 * a street or community counts nothing (its rates show no data rather than its county's figures twice).
 * <p>
 * A count reads every message of the counties and works out their scorecards. Within one transaction (a board
 * asks for seven measures, a trend for twelve months) the messages are read once and each period's cards worked
 * out once: a district's board read them fourteen times.
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
        Map<Object, Object> memo = memo();
        @SuppressWarnings("unchecked")
        List<ExchangeRecords.Item> items = (List<ExchangeRecords.Item>)
                memo.computeIfAbsent(new ItemsKey(counties), key -> records.involving(counties));
        Period period = new Period(Period.Type.MONTH, from.toString(), from, to);
        LocalDate today = scorecards.today();
        @SuppressWarnings("unchecked")
        List<Scorecard> cards = (List<Scorecard>) memo.computeIfAbsent(
                new CardsKey(counties, from, to, today),
                key -> counties.stream()
                        .map(county -> scorecards.compute(county, period, null, null, items, today))
                        .toList());
        long total = 0;
        for (Scorecard card : cards) {
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

    private record ItemsKey(List<String> counties) {}

    private record CardsKey(List<String> counties, LocalDate from, LocalDate to, LocalDate today) {}

    /** What this transaction has read and worked out so far; nothing is kept outside a transaction. */
    private Map<Object, Object> memo() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return new HashMap<>();
        }
        @SuppressWarnings("unchecked")
        Map<Object, Object> memo = (Map<Object, Object>) TransactionSynchronizationManager.getResource(this);
        if (memo == null) {
            Map<Object, Object> fresh = new HashMap<>();
            TransactionSynchronizationManager.bindResource(this, fresh);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(ExchangeMeasures.this);
                }
            });
            memo = fresh;
        }
        return memo;
    }
}
