package org.liudong.imports.demo;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;

/**
 * The figures of a generated district that the briefing reports, read back from the ledger for the persons one
 * generation created (other tests share the database): stock at the end of 2011 and 2012, and the shares of
 * those present at the end of 2012 by street, origin province, education (aged 6+) and age band.
 */
record DemoShares(
        long stock2011,
        long stock2012,
        long movedOut,
        Map<String, Long> byStreet,
        Map<String, Long> byProvince,
        Map<String, Long> byEducation,
        long aged18to49) {

    static DemoShares of(JdbcClient jdbc, long[] ids) {
        Long[] boxed = Arrays.stream(ids).boxed().toArray(Long[]::new);
        String present = """
                from unnest(:ids) i(id) join person p on p.id = i.id
                join residence_episode e on e.person_id = p.id and e.seq = 0
                where e.moved_in <= date '%1$s'
                  and (e.moved_out is null or e.moved_out > date '%1$s')""";
        long stock2011 = count(jdbc, "select count(*) " + present.formatted("2011-12-31"), boxed);
        long stock2012 = count(jdbc, "select count(*) " + present.formatted("2012-12-31"), boxed);
        long movedOut = count(
                jdbc,
                "select count(*) from unnest(:ids) i(id) join person p on p.id = i.id where p.status = 'MOVED_OUT'",
                boxed);
        String end2012 = present.formatted("2012-12-31");
        var byStreet = grouped(
                jdbc,
                "select split_part(p.org_path, '/', 4), count(*) " + end2012 + " group by 1 order by 2 desc",
                boxed);
        var byProvince = grouped(
                jdbc, "select left(p.household_code, 2), count(*) " + end2012 + " group by 1 order by 2 desc", boxed);
        var byEducation = grouped(
                jdbc,
                "select coalesce(p.education, '-'), count(*) " + end2012
                        + " and p.birth_date <= date '2006-12-31' group by 1 order by 2 desc",
                boxed);
        long aged18to49 = count(
                jdbc,
                "select count(*) " + end2012 + " and p.birth_date between date '1963-01-01' and date '1994-12-31'",
                boxed);
        return new DemoShares(stock2011, stock2012, movedOut, byStreet, byProvince, byEducation, aged18to49);
    }

    double share(Map<String, Long> counts, String key) {
        return counts.getOrDefault(key, 0L)
                / (double) counts.values().stream().mapToLong(Long::longValue).sum();
    }

    double streets(String... codes) {
        return Arrays.stream(codes).mapToDouble(code -> share(byStreet, code)).sum();
    }

    double growth2012() {
        return stock2012 / (double) stock2011 - 1;
    }

    private static long count(JdbcClient jdbc, String sql, Long[] ids) {
        return jdbc.sql(sql)
                .param("ids", new SqlArrayValue("bigint", (Object[]) ids))
                .query(Long.class)
                .single();
    }

    private static Map<String, Long> grouped(JdbcClient jdbc, String sql, Long[] ids) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql(sql).param("ids", new SqlArrayValue("bigint", (Object[]) ids)).query(rs -> {
            counts.put(rs.getString(1), rs.getLong(2));
        });
        return counts;
    }
}
