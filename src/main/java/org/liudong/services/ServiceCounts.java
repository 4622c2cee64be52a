package org.liudong.services;

import java.time.LocalDate;
import java.util.Collection;
import org.liudong.shared.OrgPath;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Counts for the indicators: distinct persons served under an org path (where they lived when served), in a
 * date range, with some services, optionally only free or only in the place of residence. The caller (the
 * indicators module) checks scope; these are aggregates without personal data.
 */
@Service
public class ServiceCounts {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ServiceCounts.class);

    private final JdbcClient jdbc;
    private final org.liudong.shared.ClusterJobs jobs;

    ServiceCounts(JdbcClient jdbc, org.liudong.shared.ClusterJobs jobs) {
        this.jdbc = jdbc;
        this.jobs = jobs;
    }

    /**
     * Folds the deltas of the pre-aggregated persons served (served_count, migration V8_11) to one row per
     * measure, year and unit, nightly on one instance; the counts are the same before and after.
     */
    @org.springframework.scheduling.annotation.Scheduled(
            cron = "${liudong.services.served-compaction:0 40 3 * * *}",
            zone = "Asia/Shanghai")
    public void compact() {
        jobs.runExclusively("served-count-compaction", () -> {
            Long rows =
                    jdbc.sql("select served_count_compact()").query(Long.class).single();
            log.info("Counts of persons served compacted to {} rows", rows);
        });
    }

    /** What to count: {@code free} and {@code inPlace} are filters when not null. */
    public record Query(
            OrgPath path, LocalDate from, LocalDate to, Collection<String> services, Boolean free, Boolean inPlace) {}

    /** Distinct persons served matching the query, both dates inclusive. */
    public long personsServed(Query q) {
        return personsServed(q, "''").getOrDefault("", 0L);
    }

    /**
     * Distinct persons served matching the query under each child of its path, in one pass: the same numbers
     * as {@link #personsServed(Query)} for each child, keyed by the child's code.
     */
    public java.util.Map<String, Long> personsServedByChild(Query q) {
        return personsServed(q, q.path().childCodeSql("org_path"));
    }

    private java.util.Map<String, Long> personsServed(Query q, String group) {
        StringBuilder sql = new StringBuilder("select " + group + """
                , count(distinct person_id) from service_record
                where org_path like :path || '%' and provided_on between :from and :to
                  and service_code = any(:services)""");
        var params = new java.util.HashMap<String, Object>();
        params.put("path", q.path().value());
        params.put("from", q.from());
        params.put("to", q.to());
        params.put("services", q.services().toArray(String[]::new));
        if (q.free() != null) {
            sql.append(" and free = :free");
            params.put("free", q.free());
        }
        if (q.inPlace() != null) {
            sql.append(" and in_place = :inPlace");
            params.put("inPlace", q.inPlace());
        }
        sql.append(" group by 1");
        java.util.Map<String, Long> counts = new java.util.HashMap<>();
        jdbc.sql(sql.toString()).params(params).query(rs -> {
            counts.put(rs.getString(1), rs.getLong(2));
        });
        return counts;
    }
}
