package org.liudong.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The dispatcher's claims read only rows that can be due, whatever the statistics say: statistics taken during a
 * burst (most rows pending) once made the planner walk the whole outbox by its primary key on every claim, and a
 * claim for one destination walked the rows in flight to another. Later statistics made a sequential scan look
 * cheaper than the partial indexes; the claim's transaction rules it out ({@link Dispatcher#CLAIM_PLAN}). Other
 * statistics once planned a destination's claim on the sweep's index of all pending rows, reading every row in
 * flight to the other destinations: that index is now out of a destination claim's reach (exchange V12_7). And
 * statistics in which the claimed destination held every pending row once planned its claim on the primary key,
 * walking every row in flight to another destination (a CI run of 6440914): a destination's claim now orders by
 * destination and id, which only the index of destination and id gives. The test runs on a temporary outbox with
 * the real one's indexes, so that rows other tests left cannot change the statistics.
 */
@SpringBootTest
class ClaimQueryTests {

    private static final Pattern REMOVED = Pattern.compile("Rows Removed by Filter: (\\d+)");

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void aClaimReadsOnlyRowsThatCanBeDueEvenWithStatisticsFromABurst() {
        transactions.executeWithoutResult(tx -> {
            // a temporary outbox with the real one's indexes, shadowing it in this session: the statistics below are
            // then the burst's alone, whatever rows other tests left in the outbox (with some left, the planner's
            // choice had depended on them)
            jdbc.sql("create temp table exchange_outbox (like public.exchange_outbox including defaults including"
                            + " indexes including constraints) on commit drop")
                    .update();
            // a burst: 20,000 rows pending (not yet due, so no dispatcher takes them), analysed as such, then sent
            jdbc.sql("""
                            insert into exchange_outbox (message_id, type, from_county, to_county, subject, next_hop,
                                envelope, status, next_attempt_at)
                            select gen_random_uuid(), 'INFLOW_NOTICE', '110107', '130681', md5(g::text), 'claim-test',
                                   repeat('x', 900), 'PENDING', now() + interval '1 hour'
                            from generate_series(1, 20000) g""").update();
            jdbc.sql("analyze exchange_outbox").update();
            jdbc.sql("update exchange_outbox set status = 'DELIVERED' where next_hop = 'claim-test'")
                    .update();
            // and 20,000 rows in flight to another destination: pending and due; a claim for one destination never
            // walks another's rows (the once-a-second sweep, for rows without a route and resends, may: it is
            // bounded by what is pending, not by the kept messages)
            jdbc.sql("""
                            insert into exchange_outbox (message_id, type, from_county, to_county, subject, next_hop,
                                envelope, status, next_attempt_at)
                            select gen_random_uuid(), 'INFLOW_NOTICE', '110107', '130681', md5(g::text), 'busy-hop',
                                   repeat('x', 900), 'PENDING', now() - interval '1 minute'
                            from generate_series(1, 20000) g""").update();
            // index reads made to look dear, as statistics from a burst make them; the claim must not fall back on
            // reading the whole outbox
            jdbc.sql("set local random_page_cost = 100").update();
            jdbc.sql(Dispatcher.CLAIM_PLAN).update();
            for (boolean sweep : new boolean[] {true, false}) {
                String plan = plan("analyze, costs off, verbose", sweep, sweep ? "some-other-hop" : "claim-test");
                assertThat(plan).as(plan).contains("pg_temp");
                long removed = 0;
                Matcher m = REMOVED.matcher(plan);
                while (m.find()) {
                    removed += Long.parseLong(m.group(1));
                }
                assertThat(removed)
                        .as("rows read and thrown away by the %s claim:%n%s", sweep ? "sweep" : "hop", plan)
                        .isLessThan(1000);
            }
            tx.setRollbackOnly();
        });
    }

    @Test
    void theSweepsIndexCannotServeADestinationsClaim() {
        transactions.executeWithoutResult(tx -> {
            // a temporary outbox, shadowing the real one in this session, with the sweep's index and nothing else:
            // if a destination's claim could use that index, the planner (sequential scans ruled out) would
            String sweepIndex = jdbc.sql("select indexdef from pg_indexes where schemaname = current_schema()"
                            + " and indexname = 'exchange_outbox_sweep_pending'")
                    .query(String.class)
                    .single();
            jdbc.sql(
                            "create temp table exchange_outbox (like public.exchange_outbox including defaults) on commit drop")
                    .update();
            jdbc.sql(sweepIndex
                            .replace("exchange_outbox_sweep_pending", "sweep_probe")
                            .replace("public.exchange_outbox", "pg_temp.exchange_outbox"))
                    .update();
            jdbc.sql("""
                            insert into exchange_outbox (message_id, type, from_county, to_county, subject, next_hop,
                                envelope, status, next_attempt_at)
                            select gen_random_uuid(), 'INFLOW_NOTICE', '110107', '130681', md5(g::text), 'hop-' || (g % 3),
                                   repeat('x', 90), 'PENDING', now() - interval '1 minute'
                            from generate_series(1, 3000) g""").update();
            jdbc.sql("analyze exchange_outbox").update();
            jdbc.sql(Dispatcher.CLAIM_PLAN).update();
            String hop = plan("costs off, verbose", false, "hop-1");
            assertThat(hop).as(hop).contains("pg_temp").doesNotContain("sweep_probe");
            String sweep = plan("costs off", true, "hop-1");
            assertThat(sweep).as(sweep).contains("sweep_probe");
            tx.setRollbackOnly();
        });
    }

    /** The plan of a claim (the sweep, leaving out {@code hop}, or one for {@code hop}) with the explain options. */
    private String plan(String options, boolean sweep, String hop) {
        return String.join(
                "\n",
                jdbc.sql("explain (" + options + ") " + Dispatcher.claimSql(sweep))
                        .params(Dispatcher.claimParams(sweep, new String[] {hop}))
                        .query(String.class)
                        .list());
    }
}
