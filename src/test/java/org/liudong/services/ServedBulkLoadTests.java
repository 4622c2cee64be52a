package org.liudong.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The bulk-load path of service records (services V8_15): the served counts it leaves equal a recount from the
 * records, as the trigger's do; the indexes and the trigger are back at its end, and a transaction that began the
 * path without ending it commits nothing. Everything here is rolled back or refused, so the shared database keeps
 * what it had.
 */
@SpringBootTest
class ServedBulkLoadTests {

    private static final String STREET_A = "/11/110107/110107001/110107001001/";
    private static final String STREET_B = "/11/110107/110107002/110107002001/";

    /** How many served_person rows, records included, differ from a plain recount of every record. */
    private static final String PLAIN_DIFFERENCES = """
            with plain as (
                select t.tag, extract(year from r.provided_on)::int as year, c.path, r.person_id, count(*)::int as records
                from service_record r
                cross join lateral unnest(served_tags(r.service_code, r.free, r.in_place, r.result)) as t(tag)
                cross join lateral (values (served_path(r.org_path, 2)), (served_path(r.org_path, 3))) as c(path)
                where c.path is not null
                group by 1, 2, 3, 4)
            select count(*) from (
                (select * from plain except all select tag, year, path, person_id, records from served_person)
                union all
                (select tag, year, path, person_id, records from served_person except all select * from plain)) d""";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    DataSource dataSource;

    @Autowired
    ServedBulkLoad usual;

    @Autowired
    org.liudong.registry.PersonFactsQueries persons;

    @Autowired
    org.liudong.eligibility.ServiceRules rules;

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate template;

    @Test
    void theCountsAfterABulkLoadEqualARecountAndTheIndexesAndTriggerAreBack() {
        List<String> indexes = indexes();
        assertThat(indexes).hasSizeGreaterThanOrEqualTo(6).anyMatch(d -> d.contains("FOREIGN KEY (service_code)"));
        long servedBefore = served("FREE_PREGNANCY_CHECK", "/11/110107/110107001/");
        String key = servedKey();
        ServedBulkLoad bulk = new ServedBulkLoad(jdbc, 1, false);
        transactions.executeWithoutResult(tx -> {
            assertThat(bulk.begin(5)).isTrue();
            assertThat(indexes()).isEmpty();
            assertThat(trigger()).isEqualTo("D");
            // one person served twice in one street and once in another, a survey, a record that is not free
            record(-9_100_001L, "B02", STREET_A, "2011-03-01", null, true);
            record(-9_100_001L, "B02", STREET_A, "2011-06-01", null, true);
            record(-9_100_001L, "B02", STREET_B, "2011-09-01", null, true);
            record(-9_100_002L, "A03", STREET_A, "2011-10-01", "AWARE", false);
            record(-9_100_003L, "B02", STREET_A, "2011-10-01", null, false);
            assertThat(bulk.end()).isPositive();

            assertThat(jdbc.sql(ServedRollupTests.DIFFERENCES)
                            .query(String.class)
                            .list())
                    .as("the counts against a recount of every record")
                    .isEmpty();
            assertThat(jdbc.sql(PLAIN_DIFFERENCES).query(Long.class).single())
                    .as("the served persons, records included, against the plain recount of every record")
                    .isZero();
            assertThat(served("FREE_PREGNANCY_CHECK", "/11/110107/110107001/")).isEqualTo(servedBefore + 1);
            assertThat(indexes()).isEqualTo(indexes);
            assertThat(trigger()).isEqualTo("O");
            assertThat(jdbc.sql("select count(*) from pg_constraint where conname = 'served_person_pkey'")
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
            assertThat(servedKey())
                    .as("the served counts' key, built again as it was")
                    .isEqualTo(key);
            tx.setRollbackOnly();
        });
        assertThat(indexes()).isEqualTo(indexes);
        assertThat(trigger()).isEqualTo("O");
    }

    @Test
    void aTransactionThatBeganThePathAndDidNotEndItCommitsNothing() {
        List<String> indexes = indexes();
        ServedBulkLoad bulk = new ServedBulkLoad(jdbc, 1, false);
        assertThatThrownBy(() -> transactions.executeWithoutResult(tx -> {
                    assertThat(bulk.begin(1)).isTrue();
                    record(-9_100_004L, "B02", STREET_A, "2011-03-01", null, true);
                }))
                .hasStackTraceContaining("begun and not ended");
        assertThat(jdbc.sql("select count(*) from service_record where person_id = -9100004")
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(indexes()).isEqualTo(indexes);
        assertThat(trigger()).isEqualTo("O");
        assertThatThrownBy(() -> jdbc.sql("select served_bulk_load_end()")
                        .query(Long.class)
                        .single())
                .hasStackTraceContaining("not begun");
    }

    @Test
    void aRecordOfAnUnknownServiceIsRefusedWhenTheKeyIsBuiltAgain() {
        List<String> indexes = indexes();
        ServedBulkLoad bulk = new ServedBulkLoad(jdbc, 1, false);
        assertThatThrownBy(() -> transactions.executeWithoutResult(tx -> {
                    assertThat(bulk.begin(1)).isTrue();
                    record(-9_100_006L, "ZZ9", STREET_A, "2011-03-01", null, true);
                    bulk.end();
                }))
                .hasStackTraceContaining("service_record_service_code_fkey");
        assertThat(jdbc.sql("select count(*) from service_record where person_id = -9100006")
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(indexes()).isEqualTo(indexes);
        assertThat(trigger()).isEqualTo("O");
    }

    @Test
    void aFewRecordsOrATableThatIsInUseGoTheUsualWay() throws Exception {
        transactions.executeWithoutResult(tx -> assertThat(usual.begin(10)).isFalse());

        ServedBulkLoad bulk = new ServedBulkLoad(jdbc, 1, false);
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try {
            Future<?> holding = reader.submit(() -> {
                try (Connection c = dataSource.getConnection();
                        Statement s = c.createStatement()) {
                    c.setAutoCommit(false);
                    s.execute("lock table service_record in access share mode");
                    locked.countDown();
                    done.await(30, TimeUnit.SECONDS);
                    c.rollback();
                }
                return null;
            });
            assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();
            transactions.executeWithoutResult(tx -> {
                assertThat(bulk.begin(1)).as("a reader holds the table").isFalse();
                // the transaction goes on, the usual way
                record(-9_100_005L, "B02", STREET_A, "2011-03-01", null, true);
                assertThat(trigger()).isEqualTo("O");
                tx.setRollbackOnly();
            });
            done.countDown();
            holding.get(30, TimeUnit.SECONDS);
        } finally {
            done.countDown();
            reader.shutdownNow();
        }
        assertThat(jdbc.sql(ServedRollupTests.DIFFERENCES).query(String.class).list())
                .isEmpty();
    }

    @Test
    void intoATableWithoutRecordsTheWriterCountsAndTheCountsEqualARecount() {
        List<String> indexes = indexes();
        String key = servedKey();
        ServiceDemo demo = new ServiceDemo(persons, rules, template, new ServedBulkLoad(jdbc, 1, false));
        String a = STREET_A;
        String b = STREET_B;
        // one person served in two streets and two years, with another person's records between theirs; a survey,
        // records that are not free or not in place, a service that counts under no tag
        List<ServiceDemo.Row> rows = List.of(
                row(-9_100_011L, "B02", "2011-03-01", true, true, null, a),
                row(-9_100_012L, "A03", "2011-10-01", false, true, "AWARE", a),
                row(-9_100_011L, "B02", "2011-06-01", true, true, "NORMAL", a),
                row(-9_100_011L, "B02", "2012-09-01", true, true, "NORMAL", b),
                row(-9_100_011L, "B01", "2012-09-02", true, false, "IUD", b),
                row(-9_100_012L, "A03", "2012-10-01", true, true, "UNAWARE", b),
                row(-9_100_013L, "C02", "2013-01-05", true, true, "ABNORMAL", a),
                row(-9_100_013L, "D01", "2013-02-05", true, true, "NORMAL", a),
                row(-9_100_014L, "B03", "2011-04-01", false, true, null, b));
        transactions.executeWithoutResult(tx -> {
            jdbc.sql("truncate service_record cascade").update(); // rolled back below
            assertThat(demo.store(rows)).isEqualTo(rows.size());

            assertThat(jdbc.sql("select count(*) from served_person")
                            .query(Long.class)
                            .single())
                    .isEqualTo(ServedTally.of(jdbc, rows).served().size())
                    .isGreaterThan(10);
            assertThat(jdbc.sql(PLAIN_DIFFERENCES).query(Long.class).single())
                    .as("the writer's served persons, records included, against the plain recount")
                    .isZero();
            assertThat(jdbc.sql(ServedRollupTests.DIFFERENCES)
                            .query(String.class)
                            .list())
                    .as("the writer's counts against a recount with the tags' own rules")
                    .isEmpty();
            assertThat(served("FREE_PREGNANCY_CHECK", "/11/110107/")).isEqualTo(1);
            assertThat(served("POLICY_AWARE", "/11/110107/110107001/")).isEqualTo(1);
            assertThat(indexes()).isEqualTo(indexes);
            assertThat(trigger()).isEqualTo("O");
            assertThat(servedKey())
                    .as("the served counts' key, built again as it was")
                    .isEqualTo(key);
            // the trigger counts again after the path: one more record of a person already counted adds nobody
            record(-9_100_011L, "B02", STREET_A, "2011-08-01", null, true);
            assertThat(served("FREE_PREGNANCY_CHECK", "/11/110107/")).isEqualTo(1);
            assertThat(jdbc.sql(PLAIN_DIFFERENCES).query(Long.class).single()).isZero();
            tx.setRollbackOnly();
        });
        assertThat(indexes()).isEqualTo(indexes);
    }

    @Test
    void theWriterMayNotCountBesideRecordsAndCountsWrittenTwiceCommitNothing() {
        ServedBulkLoad bulk = new ServedBulkLoad(jdbc, 1, false);
        List<ServiceDemo.Row> rows = List.of(row(-9_100_021L, "B02", "2011-03-01", true, true, null, STREET_A));
        transactions.executeWithoutResult(tx -> {
            record(-9_100_022L, "B02", STREET_A, "2011-03-01", null, true);
            assertThat(bulk.begin(1)).isTrue();
            assertThat(bulk.countedByWriter()).as("the table holds a record").isFalse();
            assertThatThrownBy(() -> jdbc.sql("select served_bulk_load_counted()")
                            .query(String.class)
                            .single())
                    .hasStackTraceContaining("only a recount covers them");
            tx.setRollbackOnly();
        });
        long before =
                jdbc.sql("select count(*) from served_person").query(Long.class).single();
        assertThatThrownBy(() -> transactions.executeWithoutResult(tx -> {
                    jdbc.sql("truncate service_record cascade").update();
                    assertThat(bulk.begin(1)).isTrue();
                    assertThat(bulk.countedByWriter()).isTrue();
                    ServedTally tally = ServedTally.of(jdbc, rows);
                    tally.write(dataSource);
                    tally.write(dataSource);
                    bulk.end();
                }))
                .hasStackTraceContaining("served_person_pkey");
        assertThat(jdbc.sql("select count(*) from served_person")
                        .query(Long.class)
                        .single())
                .isEqualTo(before);
        assertThat(trigger()).isEqualTo("O");
    }

    private static ServiceDemo.Row row(
            long person, String service, String on, boolean free, boolean inPlace, String result, String path) {
        return new ServiceDemo.Row(
                person, service, java.time.LocalDate.parse(on), free, inPlace, result, null, null, path);
    }

    /** The secondary indexes' and the foreign keys' definitions. */
    private String servedKey() {
        return jdbc.sql("select pg_get_constraintdef(oid) from pg_constraint where conname = 'served_person_pkey'")
                .query(String.class)
                .single();
    }

    private List<String> indexes() {
        return jdbc.sql("""
                        select pg_get_indexdef(i.indexrelid) from pg_index i
                        where i.indrelid = 'service_record'::regclass
                          and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)
                        union all
                        select conname || ' ' || pg_get_constraintdef(oid) from pg_constraint
                        where conrelid = 'service_record'::regclass and contype = 'f'
                        order by 1""").query(String.class).list();
    }

    private String trigger() {
        return jdbc.sql("select tgenabled::text from pg_trigger where tgname = 'served_ins'")
                .query(String.class)
                .single();
    }

    private long served(String tag, String path) {
        return ServedRollupTests.served(jdbc, tag, path);
    }

    private void record(long person, String service, String path, String on, String result, boolean free) {
        ServedRollupTests.record(jdbc, person, service, path, on, result, free);
    }
}
