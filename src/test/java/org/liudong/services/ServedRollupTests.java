package org.liudong.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The pre-aggregated counts of persons served ({@code served_count}) equal a recount of distinct persons from the
 * service records for every measure, year, district and street — over the whole shared test database and through
 * inserts, an update that changes a result, and deletes, including a person served in two streets of one
 * district (counted once for the district, once in each street).
 */
@SpringBootTest
class ServedRollupTests {

    /** The recount, written from the measures' definitions rather than from the migration's tag function. */
    static final String DIFFERENCES = """
            with recount as (
                select m.tag, extract(year from r.provided_on)::int as year, c.path, count(distinct r.person_id) as n
                from service_record r
                join (values ('SERVED_FREE', array['B01', 'B02', 'B03', 'C01', 'C02'], true, null),
                             ('FREE_PREGNANCY_CHECK', array['B02'], true, null),
                             ('FREE_CONTRACEPTIVES', array['B01'], true, null),
                             ('PREPREGNANCY_CHECK', array['C02'], true, null),
                             ('POLICY_SURVEYED', array['A03'], false, null),
                             ('POLICY_AWARE', array['A03'], false, 'AWARE')) as m(tag, codes, free_in_place, result)
                  on r.service_code = any(m.codes) and (not m.free_in_place or (r.free and r.in_place))
                 and (m.result is null or r.result = m.result)
                cross join lateral (values (substring(r.org_path from '^/[^/]+/[^/]+/')),
                                           (substring(r.org_path from '^/[^/]+/[^/]+/[^/]+/'))) as c(path)
                where c.path is not null
                group by 1, 2, 3),
            rolled as (select tag, year, path, sum(n) as n from served_count group by 1, 2, 3 having sum(n) <> 0)
            select coalesce(a.tag, b.tag) || ' ' || coalesce(a.year, b.year) || ' ' || coalesce(a.path, b.path)
                   || ': recount ' || coalesce(a.n, 0) || ', rollup ' || coalesce(b.n, 0)
            from recount a full join rolled b on a.tag = b.tag and a.year = b.year and a.path = b.path
            where a.n is distinct from b.n
            limit 10""";

    private static final String DISTRICT = "/11/110107/";
    private static final String STREET_A = "/11/110107/110107001/";
    private static final String STREET_B = "/11/110107/110107002/";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void equalsARecountThroughInsertsUpdatesAndDeletes() {
        assertThat(differences()).as("the whole test database").isEmpty();
        long person = -9_000_001L; // a person id no fixture uses; everything below is rolled back
        transactions.executeWithoutResult(tx -> {
            long district = count("FREE_PREGNANCY_CHECK", DISTRICT);
            long streetA = count("FREE_PREGNANCY_CHECK", STREET_A);
            long streetB = count("FREE_PREGNANCY_CHECK", STREET_B);
            long aware = count("POLICY_AWARE", DISTRICT);

            long first = record(person, "B02", STREET_A + "110107001001/", "2011-03-01", null);
            long second = record(person, "B02", STREET_A + "110107001001/", "2011-06-01", null);
            long third = record(person, "B02", STREET_B + "110107002001/", "2011-09-01", null);
            long survey = record(person, "A03", STREET_A + "110107001001/", "2011-10-01", "AWARE");
            assertThat(count("FREE_PREGNANCY_CHECK", DISTRICT)).isEqualTo(district + 1);
            assertThat(count("FREE_PREGNANCY_CHECK", STREET_A)).isEqualTo(streetA + 1);
            assertThat(count("FREE_PREGNANCY_CHECK", STREET_B)).isEqualTo(streetB + 1);
            assertThat(count("POLICY_AWARE", DISTRICT)).isEqualTo(aware + 1);
            assertThat(differences()).as("after inserts").isEmpty();

            jdbc.sql("update service_record set result = 'NOT_AWARE' where id = ?")
                    .param(survey)
                    .update();
            assertThat(count("POLICY_AWARE", DISTRICT)).isEqualTo(aware);
            jdbc.sql("update service_record set free = false where id = ?")
                    .param(third)
                    .update();
            assertThat(count("FREE_PREGNANCY_CHECK", STREET_B)).isEqualTo(streetB);
            assertThat(count("FREE_PREGNANCY_CHECK", DISTRICT)).isEqualTo(district + 1);
            assertThat(differences()).as("after updates").isEmpty();

            jdbc.sql("delete from service_record where id = ?").param(first).update();
            assertThat(count("FREE_PREGNANCY_CHECK", STREET_A)).isEqualTo(streetA + 1);
            jdbc.sql("delete from service_record where id = ?").param(second).update();
            assertThat(count("FREE_PREGNANCY_CHECK", STREET_A)).isEqualTo(streetA);
            assertThat(count("FREE_PREGNANCY_CHECK", DISTRICT)).isEqualTo(district);
            assertThat(differences()).as("after deletes").isEmpty();

            jdbc.sql("select served_count_compact()").query(Long.class).single();
            assertThat(differences()).as("after compaction").isEmpty();
            tx.setRollbackOnly();
        });
        assertThat(differences()).as("after the rollback").isEmpty();
    }

    @Autowired
    ServiceMeasures measures;

    @Autowired
    ServiceCounts serviceCounts;

    /**
     * In the running year a value runs to today: the rollup holds the whole year, so persons whose only records
     * of the year lie after today are taken off — the count equals the recount from the records up to today.
     */
    @Test
    void theRunningYearCountsRecordsUpToToday() {
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
        org.junit.jupiter.api.Assumptions.assumeFalse(
                today.getMonthValue() == 12 && today.getDayOfMonth() == 31, "no day after today in this year");
        java.time.LocalDate start = today.withDayOfYear(1);
        org.liudong.shared.OrgPath district = new org.liudong.shared.OrgPath(DISTRICT);
        transactions.executeWithoutResult(tx -> {
            long before = measures.count("FREE_PREGNANCY_CHECK", district, start, today);
            record(
                    -9_000_002L,
                    "B02",
                    STREET_A + "110107001001/",
                    today.plusDays(1).toString(),
                    null);
            record(-9_000_003L, "B02", STREET_A + "110107001001/", start.toString(), null);
            record(
                    -9_000_003L,
                    "B02",
                    STREET_A + "110107001001/",
                    today.plusDays(1).toString(),
                    null);
            long counted = measures.count("FREE_PREGNANCY_CHECK", district, start, today);
            long recounted = serviceCounts.personsServed(
                    new ServiceCounts.Query(district, start, today, List.of("B02"), true, true));
            assertThat(counted).isEqualTo(before + 1).isEqualTo(recounted);
            tx.setRollbackOnly();
        });
    }

    private long record(long person, String service, String path, String on, String result) {
        return record(jdbc, person, service, path, on, result, true);
    }

    /** Inserts a service record given in place (free or not) as a test's; answers its id. */
    static long record(
            JdbcClient jdbc, long person, String service, String path, String on, String result, boolean free) {
        return jdbc.sql("""
                        insert into service_record (person_id, service_code, provided_on, provider, free, in_place,
                                                    result, org_path, source, recorded_by, recorded_at)
                        values (?, ?, ?::date, '测试站', ?, true, ?, ?, 'MANUAL', 'test', now())
                        returning id""")
                .params(person, service, on, free, result, path)
                .query(Long.class)
                .single();
    }

    private long count(String tag, String path) {
        return served(jdbc, tag, path);
    }

    /** The persons served in 2011 by the measure {@code tag} in {@code path}, as the counts hold them. */
    static long served(JdbcClient jdbc, String tag, String path) {
        return jdbc.sql("select coalesce(sum(n), 0) from served_count where tag = ? and year = 2011 and path = ?")
                .params(tag, path)
                .query(Long.class)
                .single();
    }

    private List<String> differences() {
        return jdbc.sql(DIFFERENCES).query(String.class).list();
    }

    @Test
    void thePathCutIsInlinedIntoTheRollupsStatementsAndCutsAsBefore() {
        // a SQL function not inlined runs through the function executor on every call (services V8_14)
        String plan = String.join(
                "\n",
                jdbc.sql(
                                "explain verbose select served_path(org_path, 2), served_path(org_path, 3) from service_record")
                        .query(String.class)
                        .list());
        assertThat(plan).doesNotContain("served_path(").contains("substring");
        for (String path : List.of(
                "/11/110107/110107004/110107004033/", "/11/110107/", "/11/", "/", "", "11/110107/x/", "//110107/x/")) {
            assertThat(jdbc.sql("select served_path(?, 2) is not distinct from substring(? from '^(?:/[^/]+){2}/')"
                                    + " and served_path(?, 3) is not distinct from substring(? from '^(?:/[^/]+){3}/')")
                            .params(path, path, path, path)
                            .query(Boolean.class)
                            .single())
                    .as(path)
                    .isTrue();
        }
    }
}
