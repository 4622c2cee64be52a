package org.liudong.assessment;

import java.time.LocalDate;
import org.liudong.indicators.Period;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Each period, sends every served county's scorecard to its partners: daily, for the month (and quarter or
 * year) last closed, so a node that was down on the first catches up. Safe with several instances: see
 * {@link Scorecards#send}.
 */
@Component
class ScorecardSchedule {

    private static final Logger log = LoggerFactory.getLogger(ScorecardSchedule.class);

    private final Scorecards scorecards;

    ScorecardSchedule(Scorecards scorecards) {
        this.scorecards = scorecards;
    }

    @Scheduled(cron = "${liudong.assessment.send-cron:0 30 2 * * *}", zone = "Asia/Shanghai")
    void daily() {
        LocalDate today = scorecards.today();
        for (Period period : Scorecards.closedBy(today)) {
            int sent = scorecards.send(period, false).size();
            if (sent > 0) {
                log.info("Sent {} scorecard(s) for {}", sent, period.code());
            }
        }
    }
}
