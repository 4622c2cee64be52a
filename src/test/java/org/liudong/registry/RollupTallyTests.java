package org.liudong.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The writer's tally of a first load's rollup deltas gives the rows the rollup's own statement gives for the same
 * facts: its street paths, buckets and keys, over facts of every kind of value (nulls, spaces, dates in this month and
 * year and before). Rolled back afterwards.
 */
@SpringBootTest
class RollupTallyTests {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    private LocalDate today() {
        return jdbc.sql("select (current_timestamp at time zone 'Asia/Shanghai')::date")
                .query(LocalDate.class)
                .single();
    }

    @Test
    @Transactional
    void theStreetOfEveryOrgPathAndOfOddPathsIsTheDatabasesOne() {
        List<String> paths = new ArrayList<>(
                jdbc.sql("select path from org_unit").query(String.class).list());
        paths.addAll(List.of(
                "",
                "/",
                "//",
                "/11",
                "/11/",
                "/11/1107",
                "/11/1107/",
                "/11/1107/x",
                "/11/1107/x/",
                "/11/1107/x/y",
                "/11//x/y/",
                "11/1107/x/y/",
                "/a b/c/d/e/f/",
                "/鲁谷/八角/古城/"));
        assertThat(paths).hasSizeGreaterThan(7000);
        List<String> mismatched = new ArrayList<>();
        jdbc.sql("select p, ledger_rollup_path(p) from unnest(?::text[]) p")
                .param(paths.toArray(String[]::new))
                .query((rs, n) -> {
                    String path = rs.getString(1);
                    if (!RollupTally.street(path).equals(rs.getString(2))) {
                        mismatched.add(path + " -> " + RollupTally.street(path) + " / " + rs.getString(2));
                    }
                    return path;
                })
                .list();
        assertThat(mismatched).isEmpty();
        assertThat(RollupTally.street("/11/110107/110107011/110107011023/")).isEqualTo("/11/110107/110107011/");
    }

    @Test
    @Transactional
    void theBucketsOfDatesBeforeAndInThisMonthAndYearAreTheDatabasesOnes() {
        LocalDate today = today();
        RollupTally tally = new RollupTally(today);
        List<String> mismatched = new ArrayList<>();
        int dates = jdbc.sql("select d::date, ledger_rollup_bucket(d::date, 'month'),"
                        + " ledger_rollup_bucket(d::date, 'year')"
                        + " from generate_series(?::date - 800, ?::date + 400, interval '1 day') d")
                .param(today)
                .param(today)
                .query((rs, n) -> {
                    LocalDate d = rs.getObject(1, LocalDate.class);
                    var database = List.of(rs.getObject(2, LocalDate.class), rs.getObject(3, LocalDate.class));
                    if (!List.of(tally.month(d), tally.year(d)).equals(database)) {
                        mismatched.add(d + " -> " + tally.month(d) + ", " + tally.year(d) + " / " + database);
                    }
                    return d;
                })
                .list()
                .size();
        assertThat(dates).isEqualTo(1201);
        assertThat(mismatched).isEmpty();
        assertThat(tally.month(today)).isEqualTo(today);
        assertThat(tally.month(today.minusMonths(1)))
                .isEqualTo(today.minusMonths(1).withDayOfMonth(1));
    }

    @Test
    @Transactional
    void theTallyOfVariedFactsIsWhatTheRollupStatementAppends() {
        LocalDate today = today();
        List<String> communities = jdbc.sql(
                        "select path from org_unit where level = 'COMMUNITY' order by path limit 40")
                .query(String.class)
                .list();
        assertThat(communities).hasSize(40);
        jdbc.sql("create temp table tally_fact (like residence_fact) on commit drop")
                .update();
        Random random = new Random(20121231);
        RollupTally tally = new RollupTally(today);
        String[] maritals = {null, "10", "20", "21", "30"};
        String[] educations = {null, "", "20", "30", "40", "60"};
        String[] occupations = {null, "", "  ", " 工人", "服务员 ", "个体经营", "x"};
        String[] households = {"130602", "410101", "110101", "371302", "5101"};
        for (int i = 0; i < 3_001; i++) {
            String path = communities.get(random.nextInt(communities.size()));
            String category = random.nextInt(4) == 0 ? "FLOATING_OTHER" : "FLOATING_FP";
            String sex = random.nextBoolean() ? "1" : "2";
            String marital = maritals[random.nextInt(maritals.length)];
            LocalDate birth = LocalDate.of(1950, 1, 1).plusDays(random.nextInt(365 * 62));
            String education = educations[random.nextInt(educations.length)];
            String household = households[random.nextInt(households.length)];
            String occupation = occupations[random.nextInt(occupations.length)];
            // arrivals from 2009 to a few weeks ahead, half of them gone again, some within this month or year
            LocalDate in = i == 3_000
                    ? today
                    : today.minusDays(random.nextInt(6 * 365)).plusDays(20);
            LocalDate out = i == 3_000 || random.nextBoolean() ? null : in.plusDays(1 + random.nextInt(900));
            jdbc.sql("""
                            insert into tally_fact (person_id, seq, org_path, moved_in, moved_out, merged, category, sex,
                                marital_status, birth_date, education, household_code, occupation)
                            values (?, 0, ?, ?, ?, false, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(i, path, in, out, category, sex, marital, birth, education, household, occupation)
                    .update();
            tally.add(new RollupTally.Fact(
                    path, category, sex, marital, birth, education, household, occupation, in, out));
        }
        jdbc.sql("delete from ledger_rollup").update();
        String append = jdbc.sql("select ledger_rollup_insert_sql('select r.*, 1 as sign from tally_fact r')")
                .query(String.class)
                .single();
        jdbc.sql(append).update();
        Set<String> database = new TreeSet<>(jdbc.sql("""
                        select concat_ws('|', kind, path, bucket, category, k1, k2, sum(n)) from ledger_rollup
                        group by kind, path, bucket, category, k1, k2 having sum(n) <> 0""").query(String.class).list());
        Set<String> tallied = new TreeSet<>();
        for (Object[] row : tally.rows()) {
            tallied.add(String.join(
                    "|", java.util.Arrays.stream(row).map(String::valueOf).toList()));
        }
        assertThat(database).hasSizeGreaterThan(3_000);
        assertThat(tallied).isEqualTo(database);
        assertThat(tallied).anyMatch(r -> r.startsWith("J|") && r.contains("|工人|"));
        assertThat(tallied)
                .as("today's arrival in today's bucket")
                .anyMatch(r -> r.startsWith("T|") && r.contains("|" + today + "|"));
    }

    /** A fact of someone born on 1 May of {@code year} who arrived in 2012 and is still here. */
    private static RollupTally.Fact bornIn(int year) {
        return new RollupTally.Fact(
                "/11/110107/110107001/110107001003/",
                "FLOATING_FP",
                "1",
                "20",
                LocalDate.of(year, 5, 1),
                "30",
                "130602",
                "工人",
                LocalDate.of(2012, 3, 5),
                null);
    }

    @Test
    void aValueBeyondWhatAKeyHoldsLeavesTheCountingToTheTrigger() {
        RollupTally tally = new RollupTally(LocalDate.of(2026, 12, 3));
        var fact = bornIn(1980);
        tally.add(fact);
        assertThat(tally.usable()).isTrue();
        assertThat(tally.rows()).hasSize(6);

        RollupTally old = new RollupTally(LocalDate.of(2026, 12, 3));
        old.add(fact);
        old.add(bornIn(1849));
        assertThat(old.usable()).isFalse();
        assertThatThrownBy(old::rows).hasMessageContaining("beyond what its keys hold");

        RollupTally streets = new RollupTally(LocalDate.of(2026, 12, 3));
        for (int i = 0; i < 4_097; i++) {
            streets.add(new RollupTally.Fact(
                    "/11/1107/s" + i + "/c/",
                    "FLOATING_FP",
                    "1",
                    null,
                    null,
                    null,
                    null,
                    null,
                    LocalDate.of(2012, 3, 5),
                    LocalDate.of(2012, 4, 5)));
        }
        assertThat(streets.usable()).isFalse();
    }

    @Test
    void theTriggersAreTurnedOffOnlyInABulkLoadAndNeverLeftOff() {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> jdbc.sql("select first_load_by_writer(true)")
                        .query(String.class)
                        .single()))
                .hasMessageContaining("no bulk load has dropped the ledger's indexes");
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
                    TestLedgerImports.checksByWriter(jdbc, true);
                    assertThat(triggersOff()).hasSize(4);
                    jdbc.sql("select bulk_load_rebuild_indexes()")
                            .query(Integer.class)
                            .single();
                }))
                .rootCause()
                .hasMessageContaining("triggers were turned off and not on again");
        assertThat(triggersOff()).isEmpty();
    }

    @Test
    void theTriggersComeBackOnlyWhenEveryPersonTheRowsReferToIsThere() {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        long next = jdbc.sql("select coalesce(max(id), 0) + 1 from person")
                .query(Long.class)
                .single();
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
                    TestLedgerImports.checksByWriter(jdbc, false);
                    assertThat(triggersOff()).hasSize(3);
                    jdbc.sql("select first_load_written(?, ?)")
                            .param(next)
                            .param(next + 2)
                            .query(String.class)
                            .single();
                }))
                .hasMessageContaining("3 persons numbered " + next + " to " + (next + 2) + ", 0 in the ledger");
        assertThat(triggersOff()).isEmpty();

        tx.executeWithoutResult(s -> {
            TestLedgerImports.checksByWriter(jdbc, true);
            // no person written: the empty range is all there
            jdbc.sql("select first_load_written(?, ?)")
                    .param(next)
                    .param(next - 1)
                    .query(String.class)
                    .single();
            assertThat(triggersOff()).isEmpty();
            jdbc.sql("select bulk_load_rebuild_indexes()").query(Integer.class).single();
            s.setRollbackOnly();
        });
    }

    /** The insert triggers of the ledger that are not on. */
    private List<String> triggersOff() {
        return jdbc.sql("""
                        select tgname from pg_trigger
                        where tgname in ('ledger_rollup_ins', 'residence_episode_person_ins', 'person_child_person_ins',
                                         'person_history_person_ins')
                          and tgenabled <> 'O'
                        order by tgname""").query(String.class).list();
    }
}
