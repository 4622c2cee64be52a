package org.liudong.registry;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.liudong.eligibility.EligibilityProperties;
import org.liudong.shared.ClusterJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Recomputes the classification of people whose age changed: every night, everyone whose category no longer fits
 * their age (a missed night is caught up, and so is a ledger classified long ago), so that a woman who turns 50
 * leaves the family-planning scope on her birthday and a girl who turns 18 enters it.
 */
@Component
public class Reclassification {

    private static final Logger log = LoggerFactory.getLogger(Reclassification.class);
    private static final String JOB = "reclassify-birthdays";

    private final JdbcClient jdbc;
    private final PersonRegistration registration;
    private final Clock clock;
    private final ClusterJobs jobs;
    private final EligibilityProperties ages;

    Reclassification(
            JdbcClient jdbc,
            PersonRegistration registration,
            Clock clock,
            ClusterJobs jobs,
            EligibilityProperties ages) {
        this.jdbc = jdbc;
        this.ages = ages;
        this.registration = registration;
        this.clock = clock;
        this.jobs = jobs;
    }

    /** Every instance schedules it; one runs it at a time, and the others find the day already covered. */
    @Scheduled(cron = "${liudong.registry.reclassify-cron:0 15 1 * * *}")
    void nightly() {
        jobs.runExclusively(JOB, () -> {
            int changed = catchUp(LocalDate.now(clock));
            log.info("Nightly reclassification changed {} person(s)", changed);
        });
    }

    /** Once a day: reclassifies everyone whose category no longer fits their age; answers how many changed. */
    public int catchUp(LocalDate today) {
        LocalDate last = jdbc.sql("select last_day from registry_job where name = ?")
                .param(JOB)
                .query(LocalDate.class)
                .optional()
                .orElse(today.minusDays(1));
        if (!last.isBefore(today)) {
            return 0;
        }
        int changed = 0;
        for (long id : staleByAge(today)) {
            if (registration.reclassify(id)) {
                changed++;
            }
        }
        jdbc.sql("""
                        insert into registry_job (name, last_day) values (?, ?)
                        on conflict (name) do update set last_day = excluded.last_day""").params(JOB, today).update();
        return changed;
    }

    /**
     * Everyone whose category no longer fits their age today: in the childbearing-age category but outside its
     * window for their sex, or outside that category but inside the window. Besides the birthdays since the last
     * run, this finds people classified long ago and never since, such as a ledger loaded from an older system or
     * a district's history: classified on the day it stood for, with the years since then not counted.
     */
    private List<Long> staleByAge(LocalDate today) {
        return jdbc.sql("""
                        select id from (
                            select id, category, extract(year from age(:today, birth_date)) as years,
                                case when sex = '1' then :maleMin else :femaleMin end as lower_age,
                                case when sex = '1' then :maleMax else :femaleMax end as upper_age
                            from person
                            where status <> 'MERGED' and birth_date is not null
                              and category in ('FLOATING_FP', 'FLOATING_OTHER')) p
                        where (category = 'FLOATING_FP') <> (years between lower_age and upper_age)
                        order by id""")
                .param("today", today)
                .param("maleMin", ages.maleMinAge())
                .param("maleMax", ages.maleMaxAge())
                .param("femaleMin", ages.femaleMinAge())
                .param("femaleMax", ages.femaleMaxAge())
                .query(Long.class)
                .list();
    }
}
