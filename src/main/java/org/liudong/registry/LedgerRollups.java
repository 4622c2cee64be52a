package org.liudong.registry;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.liudong.shared.ClusterJobs;
import org.liudong.shared.OrgPath;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Counts of the persons living in a subtree on a date from the ledger's pre-aggregated counts (汇总,
 * {@code ledger_rollup}, migration V5_6): arrivals and departures per street and month (or year), kept exact
 * by triggers in the same transaction as every ledger change. A count reads a few thousand rows for a
 * district instead of every residence episode. It answers for units down to the street and for dates at the
 * end of a month (a year, for the yearly kinds) or today; callers count from the episodes otherwise
 * ({@link #answers}). Aggregates without personal data; the caller checks scope.
 */
@Service
public class LedgerRollups {

    private static final Logger log = LoggerFactory.getLogger(LedgerRollups.class);
    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    /** The deepest path the rollup keeps apart: /city/district/street/. */
    static final int DEPTH = 3;

    /** What a kind keys on, besides category: see the migration. */
    public enum Kind {
        /** no keys, by category alone; by month (chosen for a count of kind MARITAL without keys) */
        TOTAL("T", true),
        /** sex, marital status; by month */
        MARITAL("M", true),
        /** sex, birth year; by year */
        AGE("A", false),
        /** education, birth year (1989 for earlier years); by year */
        EDUCATION("E", false),
        /** origin province (first two digits of the household code) */
        ORIGIN("O", false),
        /** occupation as recorded, "" when not */
        OCCUPATION("J", false);

        final String code;
        final boolean monthly;

        Kind(String code, boolean monthly) {
            this.code = code;
            this.monthly = monthly;
        }
    }

    /** One group of a count: the kind's two keys and the persons living. */
    public record Group(String child, String k1, String k2, long count) {}

    private final JdbcClient jdbc;
    private final ClusterJobs jobs;

    LedgerRollups(JdbcClient jdbc, ClusterJobs jobs) {
        this.jdbc = jdbc;
        this.jobs = jobs;
    }

    /**
     * Whether the rollup counts the persons living under {@code path} on {@code on} exactly: the unit is a
     * street or above, and the date ends a month (a year for the yearly kinds) or is today or later; for the
     * kinds by birth year, only the 31st of December.
     */
    public boolean answers(Kind kind, OrgPath path, LocalDate on) {
        if (path.depth() > DEPTH) {
            return false;
        }
        LocalDate today = LocalDate.now(BEIJING);
        boolean periodEnd = kind.monthly
                ? on.equals(on.with(TemporalAdjusters.lastDayOfMonth()))
                : on.getMonthValue() == 12 && on.getDayOfMonth() == 31;
        if (kind == Kind.AGE || kind == Kind.EDUCATION) {
            // ages from the birth year are exact on the 31st of December only; 1989 stands for every earlier
            // year, all aged 6 or more from 1995 on
            return periodEnd && on.getYear() >= 1995;
        }
        LocalDate currentStart = kind.monthly ? today.withDayOfMonth(1) : today.withDayOfYear(1);
        return periodEnd || !on.isBefore(currentStart);
    }

    /** The persons living under {@code path} on {@code on}, with the categories (all when empty) and keys. */
    public long living(
            Kind kind, OrgPath path, LocalDate on, Collection<String> categories, String k1, Collection<String> k2) {
        return groups(kind, path, on, categories, k1, k2, false).stream()
                .mapToLong(Group::count)
                .sum();
    }

    /**
     * The persons living on {@code on} grouped by the next level below {@code path} (its districts or
     * streets; "" for persons registered on the unit itself) and by the kind's keys.
     */
    public List<Group> groups(
            Kind kind,
            OrgPath path,
            LocalDate on,
            Collection<String> categories,
            String k1,
            Collection<String> k2,
            boolean byChild) {
        if (kind == Kind.MARITAL && k1 == null && (k2 == null || k2.isEmpty())) {
            kind = Kind.TOTAL; // the same count from far fewer rows
        }
        Map<String, Object> params = new HashMap<>();
        StringBuilder sql = new StringBuilder("select ")
                .append(byChild ? path.childCodeSql("path") : "''")
                .append(", k1, k2, sum(n)")
                .append(from(kind, path, on, categories, params));
        if (k1 != null) {
            sql.append(" and k1 = :k1");
            params.put("k1", k1);
        }
        if (k2 != null && !k2.isEmpty()) {
            sql.append(" and k2 = any(:k2)");
            params.put("k2", k2.toArray(String[]::new));
        }
        sql.append(" group by 1, 2, 3 having sum(n) <> 0");
        return jdbc.sql(sql.toString())
                .params(params)
                .query((rs, row) -> new Group(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)))
                .list();
    }

    /**
     * The persons living on {@code on} by the kind's first key, most first (then by key), optionally only those
     * whose second key, a year, is at most {@code k2AtMost} (the born-by year of an age limit).
     */
    public List<Group> byFirstKey(
            Kind kind, OrgPath path, LocalDate on, Collection<String> categories, Integer k2AtMost) {
        Map<String, Object> params = new HashMap<>();
        StringBuilder sql = new StringBuilder("select k1, sum(n)").append(from(kind, path, on, categories, params));
        if (k2AtMost != null) {
            // four-digit years compare as text like numbers; no cast that other kinds' keys could fail
            sql.append(" and k2 <= :k2AtMost");
            params.put("k2AtMost", String.format("%04d", k2AtMost));
        }
        sql.append(" group by 1 having sum(n) <> 0 order by 2 desc, 1");
        return jdbc.sql(sql.toString())
                .params(params)
                .query((rs, row) -> new Group("", rs.getString(1), "", rs.getLong(2)))
                .list();
    }

    /**
     * The rows of a kind under a path up to a date, of some categories (all when empty), with their parameters;
     * refuses a count the rollup does not answer.
     */
    private String from(
            Kind kind, OrgPath path, LocalDate on, Collection<String> categories, Map<String, Object> params) {
        if (!answers(kind, path, on)) {
            throw new IllegalArgumentException("The rollup does not answer " + kind + " for " + path + " on " + on);
        }
        params.put("kind", kind.code);
        params.put("path", path.value() + "%");
        params.put("on", on);
        String sql = " from ledger_rollup where kind = :kind and path like :path and bucket <= :on";
        if (categories != null && !categories.isEmpty()) {
            params.put("categories", categories.toArray(String[]::new));
            sql += " and category = any(:categories)";
        }
        return sql;
    }

    /**
     * The year of the newest arrival in the ledger, if it holds any: where a reader of a later period, in which
     * nothing was registered or served yet (a demo district of 2010–2013 read in the current year), should look.
     */
    public java.util.Optional<Integer> newestYear() {
        return jdbc.sql("select extract(year from moved_in)::int from residence_episode order by moved_in desc limit 1")
                .query(Integer.class)
                .optional();
    }

    /**
     * Folds the day's deltas into one row per key and coarsens past months, nightly on one instance. The
     * counts are the same before and after; only the number of rows a count reads shrinks.
     */
    @Scheduled(cron = "${liudong.registry.rollup-compaction:0 30 3 * * *}", zone = "Asia/Shanghai")
    public void compact() {
        jobs.runExclusively("ledger-rollup-compaction", () -> {
            long started = System.nanoTime();
            Long rows =
                    jdbc.sql("select ledger_rollup_compact()").query(Long.class).single();
            log.info("Ledger rollup compacted to {} rows in {} ms", rows, (System.nanoTime() - started) / 1_000_000);
        });
    }
}
