package org.liudong.registry;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.liudong.shared.ClusterJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Recomputes the classification of people whose age changed: every night, everyone whose birthday fell on a
 * day since the last run (a missed night is caught up), so that a woman who turns 50 leaves the
 * family-planning scope on her birthday and a girl who turns 18 enters it.
 */
@Component
public class Reclassification {

    private static final Logger log = LoggerFactory.getLogger(Reclassification.class);
    private static final String JOB = "reclassify-birthdays";
    private static final DateTimeFormatter MONTH_DAY = DateTimeFormatter.ofPattern("MMdd");

    private final JdbcClient jdbc;
    private final PersonRegistration registration;
    private final Clock clock;
    private final ClusterJobs jobs;

    Reclassification(JdbcClient jdbc, PersonRegistration registration, Clock clock, ClusterJobs jobs) {
        this.jdbc = jdbc;
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

    /** Reclassifies everyone with a birthday after the last covered day up to {@code today}; answers how many changed. */
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
        for (long id : birthdaysBetween(last.plusDays(1), today)) {
            if (registration.reclassify(id)) {
                changed++;
            }
        }
        jdbc.sql("""
                        insert into registry_job (name, last_day) values (?, ?)
                        on conflict (name) do update set last_day = excluded.last_day""").params(JOB, today).update();
        return changed;
    }

    private List<Long> birthdaysBetween(LocalDate from, LocalDate to) {
        Set<String> days = new LinkedHashSet<>();
        for (LocalDate day = from; !day.isAfter(to) && days.size() < 367; day = day.plusDays(1)) {
            days.add(day.format(MONTH_DAY));
            if (day.getMonthValue() == 3 && day.getDayOfMonth() == 1 && !day.isLeapYear()) {
                // born on 29 February: a year older on 1 March in other years
                days.add("0229");
            }
        }
        return jdbc.sql("""
                        select id from person
                        where status <> 'MERGED' and to_char(birth_date, 'MMDD') in (:days)
                        order by id""").param("days", days).query(Long.class).list();
    }
}
