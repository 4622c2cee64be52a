package org.liudong.assessment;

import java.util.ArrayList;
import java.util.List;
import org.liudong.exchange.ExchangeRecords;
import org.liudong.imports.demo.DemoStep;
import org.liudong.indicators.Period;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * After the demo's exchange history, sends this node's scorecards of the demo years 2011–2013 (each year and
 * quarter) to the partner counties that a known node serves, as the monthly schedule does for the month just
 * closed: on the district's node and on a partner node of the demo network alike, so that each one's partner
 * page shows the other's own report beside its measurement. Counties no known node serves are left out (there is
 * nobody to deliver to); a second run sends nothing already sent.
 */
@Component
@Order(60)
class ScorecardDemoStep implements DemoStep {

    private static final Logger log = LoggerFactory.getLogger(ScorecardDemoStep.class);

    private final Scorecards scorecards;
    private final ExchangeRecords records;

    ScorecardDemoStep(Scorecards scorecards, ExchangeRecords records) {
        this.scorecards = scorecards;
        this.records = records;
    }

    @Override
    public String name() {
        return "scorecards";
    }

    @Override
    public boolean partnerPart() {
        return true;
    }

    @Override
    public void run(Context context) {
        // a partner's demo history is all with the district, whose node it may learn from the hub's directory
        // only after this runs: its messages wait in the outbox until then
        java.util.Set<String> known = records.knownCounties();
        int sent = scorecards
                .send(periods(), false, county -> context.partner() || known.contains(county))
                .size();
        log.info("Demo scorecards: {} sent to partners for 2011–2013", sent);
    }

    /** The demo years and their quarters. */
    static List<Period> periods() {
        List<Period> periods = new ArrayList<>();
        for (int year = 2011; year <= 2013; year++) {
            periods.add(Period.parse(String.valueOf(year)));
            for (int q = 1; q <= 4; q++) {
                periods.add(Period.parse(year + "Q" + q));
            }
        }
        return periods;
    }
}
