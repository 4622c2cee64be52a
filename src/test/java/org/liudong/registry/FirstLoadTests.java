package org.liudong.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liudong.security.FieldEncryption;
import org.liudong.security.Role;
import org.liudong.security.TestUsers;
import org.liudong.support.TestIdNumbers;
import org.liudong.support.TestPersons;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * A district's first load, which writes its rows straight into the ledger while they are read: the same rows as the
 * usual way, ids that the table's identity continues after, every index back, nothing left by a failure, and the
 * usual way when rows may be left out after they were read or the ledger holds persons already.
 */
@SpringBootTest
class FirstLoadTests {

    private static final String COMMUNITY = "110107001003";

    @Autowired
    ApplicationContext context;

    @Autowired
    FieldEncryption encryption;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestUsers users;

    @BeforeEach
    void signIn() {
        users.signIn(users.ready("firstload", Role.DISTRICT_OFFICER, "110107").username());
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    private LedgerImport ledger(BulkLoad policy) {
        return TestLedgerImports.with(context, policy);
    }

    /** An import that takes the first-load path whatever the ledger holds (its rows must be new persons). */
    private LedgerImport alwaysFirstLoad() {
        return ledger(new BulkLoad(jdbc, 1_000_000, true, true));
    }

    /** As {@link #alwaysFirstLoad()}, writing the ledger's tables every {@code chunk} rows. */
    private LedgerImport alwaysFirstLoad(int chunk) {
        return TestLedgerImports.with(context, new BulkLoad(jdbc, 1_000_000, true, true), chunk);
    }

    /** The application's own choice (no usual bulk path for so few rows). */
    private LedgerImport asConfigured() {
        return ledger(new BulkLoad(jdbc, 1_000_000, true, false));
    }

    /** Distinct ID numbers of a birth date nobody else in the tests uses. */
    private static List<String> ids(int count, String birth) {
        List<String> ids = new ArrayList<>();
        while (ids.size() < count) {
            String id = TestIdNumbers.of("130602", birth, ids.size() % 2 == 0 ? "1" : "2");
            if (!ids.contains(id)) {
                ids.add(id);
            }
        }
        return ids;
    }

    /**
     * Every third row has every column filled (spouse, two children, certificate, phone), every third has left
     * already (its episode closed), the rest only what the form requires.
     */
    private static PersonInput input(int i, String id, String spouseId) {
        String name = "首载" + "甲乙丙丁戊己庚辛壬癸".charAt(i % 10);
        if (i % 3 != 0) {
            return TestPersons.minimal(name, id, COMMUNITY);
        }
        return TestPersons.everything(
                name,
                id,
                spouseId,
                new PersonInput.ResidenceInput(COMMUNITY, "模式口大街9号", null, "2012-03-05", "WORK_BUSINESS", true));
    }

    private static LocalDate movedOut(int i) {
        return i % 3 == 2 ? LocalDate.of(2013, 1, 15) : null;
    }

    /** Imports the rows (sealed off the transaction's thread, as the import's workers do), answering {@code skip}. */
    private LedgerImport.Outcome importPersons(
            LedgerImport ledger, List<String> ids, String spouseId, BooleanSupplier mayLeaveOut, List<Integer> skip)
            throws Exception {
        return ledger.stageAndApply(false, "first-load-test", mayLeaveOut, stage -> {
            writeRows(stage, ids, spouseId, (i, row) -> row);
            return skip;
        });
    }

    /** Seals the rows off the transaction's thread (as the import's workers do) and writes each as {@code altered} leaves it. */
    private static void writeRows(
            LedgerImport.Stage stage,
            List<String> ids,
            String spouseId,
            BiFunction<Integer, LedgerImport.Sealed, LedgerImport.Sealed> altered) {
        for (int i = 0; i < ids.size(); i++) {
            int number = i + 2;
            PersonInput input = input(i, ids.get(i), spouseId);
            LocalDate out = movedOut(i);
            var sealed = CompletableFuture.supplyAsync(() -> stage.seal(number, input, out))
                    .join();
            assertThat(sealed.violations()).isEmpty();
            stage.write(altered.apply(i, sealed));
        }
    }

    private String[] hashes(List<String> ids) {
        return ids.stream().map(encryption::keyedHash).toArray(String[]::new);
    }

    /**
     * The ledger's rows of these persons in id order, as JSON without what belongs to one ID number or one moment:
     * person, episodes, counting facts, children and history, one text per person.
     */
    private List<String> stored(List<String> ids) {
        return jdbc.sql("""
                        select jsonb_build_object(
                            'person', to_jsonb(p) - 'id' - 'id_number_enc' - 'id_number_hash' - 'id_number_masked'
                                      - 'content_hash' - 'created_at' - 'updated_at' - 'phone_enc' - 'spouse_id_enc',
                            'created', p.created_at = p.updated_at,
                            'episodes', (select jsonb_agg(to_jsonb(e) - 'person_id' order by e.seq)
                                         from residence_episode e where e.person_id = p.id),
                            'facts', (select jsonb_agg(to_jsonb(f) - 'person_id' - 'updated_at' order by f.seq)
                                      from residence_fact f where f.person_id = p.id),
                            'facts updated with the person', (select bool_and(f.updated_at = p.updated_at)
                                      from residence_fact f where f.person_id = p.id),
                            'children', (select jsonb_agg(to_jsonb(c) - 'person_id' order by c.seq)
                                         from person_child c where c.person_id = p.id),
                            'history', (select jsonb_agg(jsonb_build_object('version', h.version, 'action', h.action,
                                            'actor', h.actor, 'changes', h.changes, 'at', h.at = p.created_at))
                                        from person_history h where h.person_id = p.id))::text
                        from person p where p.id_number_hash = any(?) order by p.id""").param(hashes(ids)).query(String.class).list();
    }

    private List<Long> personIds(List<String> ids) {
        return jdbc.sql("select id from person where id_number_hash = any(?) order by id")
                .param(hashes(ids))
                .query(Long.class)
                .list();
    }

    private Map<String, List<String>> indexes() {
        return TestLedgerImports.indexes(jdbc);
    }

    @Test
    void aFirstLoadStoresWhatTheUsualWayStoresAndTheIdentityGoesOnAfterIt() throws Exception {
        List<String> all = ids(24, "19711129");
        List<String> usual = all.subList(0, 12);
        List<String> first = all.subList(12, 24);
        String spouseId = TestIdNumbers.of("130602", "19701128", "1");

        var usualOutcome = importPersons(asConfigured(), usual, spouseId, () -> true, List.of());
        var before = indexes();
        // in chunks of 5, 5 and 2 rows
        var firstOutcome = importPersons(alwaysFirstLoad(5), first, spouseId, () -> false, List.of());

        assertThat(usualOutcome.registered()).isEqualTo(12);
        assertThat(firstOutcome.registered()).isEqualTo(12);
        assertThat(firstOutcome.updated() + firstOutcome.unchanged()).isZero();
        List<String> firstRows = stored(first);
        List<String> usualRows = stored(usual);
        assertThat(firstRows).hasSize(12).hasSameSizeAs(usualRows);
        for (int i = 0; i < firstRows.size(); i++) {
            assertThat(firstRows.get(i)).as("row %d", i).isEqualTo(usualRows.get(i));
        }
        assertThat(firstRows.get(0)).contains("鲁谷商场", "2013-07-09");
        // encrypted with an IV of their own, so compared as what they decrypt to
        var sealed = jdbc.sql("select id_number_enc, phone_enc, spouse_id_enc from person where id = ?")
                .param(personIds(first).get(0))
                .query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3)))
                .single();
        assertThat(sealed.stream().map(encryption::decrypt)).containsExactly(first.get(0), "13803110042", spouseId);
        assertThat(firstRows.get(2)).contains("MOVED_OUT", "2013-01-15");
        // the content fingerprints match the form's: a second import of the same rows finds them unchanged
        var again = importPersons(asConfigured(), first, spouseId, () -> true, List.of());
        assertThat(again.registered()).isZero();
        assertThat(again.unchanged()).isEqualTo(12);

        var after = indexes();
        assertThat(TestLedgerImports.definitions(after)).isEqualTo(TestLedgerImports.definitions(before));
        assertThat(after.get("person_id_number_live_idx").get(1))
                .as("rebuilt, so a new relation")
                .isNotEqualTo(before.get("person_id_number_live_idx").get(1));
        List<Long> firstIds = personIds(first);
        assertThat(firstIds.get(11) - firstIds.get(0))
                .as("numbered in file order")
                .isEqualTo(11);
        assertThat(firstIds.get(0)).isGreaterThan(personIds(usual).get(11));

        List<String> later = ids(2, "19711130");
        importPersons(asConfigured(), later, spouseId, () -> true, List.of());
        assertThat(personIds(later).get(0))
                .as("the identity goes on after the first load's ids")
                .isGreaterThan(firstIds.get(11));
    }

    @Test
    void aFirstLoadThatFailsWhileReadingLeavesTheLedgerAsItWas() throws Exception {
        var before = indexes();
        List<String> ids = ids(6, "19711201");

        // the first four rows are in the ledger's tables and two on their way into the person table when the reading
        // fails
        assertThatThrownBy(() -> alwaysFirstLoad(4).stageAndApply(false, "first-load-test", () -> false, stage -> {
                    writeRows(stage, ids, null, (i, row) -> row);
                    throw new java.io.IOException("the upload broke off");
                }))
                .hasMessage("the upload broke off");

        assertThat(personIds(ids)).isEmpty();
        assertThat(jdbc.sql("""
                        select (select count(*) from residence_episode e
                                where not exists (select 1 from person p where p.id = e.person_id))
                             + (select count(*) from person_history h
                                where not exists (select 1 from person p where p.id = h.person_id))""").query(Long.class).single())
                .as("no episode or history entry of a person not there")
                .isZero();
        assertThat(indexes()).as("the same indexes, not even rebuilt").isEqualTo(before);
    }

    @Test
    void aRowTheDatabaseRefusesFailsTheFirstLoadAndLeavesTheLedgerAsItWas() {
        var before = indexes();
        List<String> ids = ids(5, "19711206");

        // in chunks of two: the first chunk is written when the second one's copy fails
        assertThatThrownBy(() -> alwaysFirstLoad(2).stageAndApply(false, "first-load-test", () -> false, stage -> {
                    // the third a person of a sex the table does not allow: the copy fails the table's check
                    writeRows(
                            stage,
                            ids,
                            null,
                            (i, row) -> i != 2
                                    ? row
                                    : new LedgerImport.Sealed(
                                            List.of(),
                                            null,
                                            sexAfterName(row.person(), "首载丙", 'X'),
                                            row.episode(),
                                            row.fact(),
                                            row.children(),
                                            row.counted()));
                    return List.of();
                }))
                .rootCause()
                .hasMessageContaining("person_sex_check");

        assertThat(personIds(ids)).isEmpty();
        assertThat(indexes()).isEqualTo(before);
    }

    /** A person's binary fields with the sex after {@code name} (its next field) changed to {@code sex}. */
    private static byte[] sexAfterName(byte[] person, String name, char sex) {
        var field = new java.io.ByteArrayOutputStream();
        byte[] utf8 = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        field.writeBytes(new byte[] {0, 0, 0, (byte) utf8.length});
        field.writeBytes(utf8);
        field.writeBytes(new byte[] {0, 0, 0, 1});
        byte[] before = field.toByteArray();
        for (int at = 0; at + before.length < person.length; at++) {
            if (java.util.Arrays.equals(person, at, at + before.length, before, 0, before.length)) {
                byte[] changed = person.clone();
                changed[at + before.length] = (byte) sex;
                return changed;
            }
        }
        throw new AssertionError("no field " + name + " in the person's row");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(
            delimiter = '|',
            value = {
                "residence_episode | 3 persons numbered %d to %d, 2 residence episodes of them",
                "residence_fact | 3 residence episodes of the persons numbered %d to %d, 2 counting facts of them"
            })
    void theReferenceChecksComeBackOnlyWhenEachPersonWrittenHasItsEpisodeAndItsFact(
            String table,
            String refused,
            @Autowired org.springframework.transaction.PlatformTransactionManager transactions)
            throws Exception {
        List<String> ids = ids(3, "residence_episode".equals(table) ? "19711208" : "19711209");
        importPersons(alwaysFirstLoad(), ids, null, () -> false, List.of());
        List<Long> written = personIds(ids);
        long first = written.stream().mapToLong(Long::longValue).min().orElseThrow();
        long last = written.stream().mapToLong(Long::longValue).max().orElseThrow();
        assertThat(last - first + 1).as("numbered one after another").isEqualTo(3);

        // as if the writer had numbered an episode or a fact wrongly: one person of the range without it
        assertThatThrownBy(() -> new org.springframework.transaction.support.TransactionTemplate(transactions)
                        .executeWithoutResult(s -> {
                            TestLedgerImports.checksByWriter(jdbc, true);
                            jdbc.sql("delete from " + table + " where person_id = ?")
                                    .param(last)
                                    .update();
                            jdbc.sql("select first_load_written(?, ?)")
                                    .param(first)
                                    .param(last)
                                    .query(String.class)
                                    .single();
                        }))
                .hasMessageContaining(refused.formatted(first, last));
        assertThat(jdbc.sql("select count(*) from " + table + " where person_id between ? and ?")
                        .param(first)
                        .param(last)
                        .query(Long.class)
                        .single())
                .isEqualTo(3);
    }

    /** The rollup of the test community's street, summed per key (buckets as of today). */
    private List<String> streetRollup() {
        return jdbc.sql("""
                        select concat_ws('|', kind, bucket, category, k1, k2, sum(n)) from (
                            select kind, ledger_rollup_bucket(bucket, case when kind in ('M', 'T') then 'month'
                                                                           else 'year' end) as bucket,
                                   category, k1, k2, n
                            from ledger_rollup
                            where path = ledger_rollup_path((select path from org_unit where code = ?))) r
                        group by kind, bucket, category, k1, k2 having sum(n) <> 0
                        order by 1""").param(COMMUNITY).query(String.class).list();
    }

    /** A rebuild of the rollup from the counting facts (rolled back) leaves the street's rollup as {@code rollup}. */
    private void assertRebuildLeaves(List<String> rollup) {
        new org.springframework.transaction.support.TransactionTemplate(
                        context.getBean(org.springframework.transaction.PlatformTransactionManager.class))
                .executeWithoutResult(tx -> {
                    tx.setRollbackOnly();
                    jdbc.sql("select ledger_rollup_rebuild()").query(Long.class).single();
                    assertThat(streetRollup()).isEqualTo(rollup);
                });
    }

    @Test
    void aFirstLoadLeavesTheRollupAsARebuildFromTheCountingFactsLeavesIt() throws Exception {
        var before = streetRollup();
        List<String> ids = ids(30, "19711207");

        var outcome = importPersons(alwaysFirstLoad(), ids, null, () -> false, List.of());

        assertThat(outcome.registered()).isEqualTo(30);
        var after = streetRollup();
        assertThat(after).isNotEqualTo(before);
        assertThat(jdbc.sql("select tgenabled from pg_trigger where tgname = 'ledger_rollup_ins'")
                        .query(String.class)
                        .single())
                .as("the rollup's trigger on again")
                .isEqualTo("O");
        assertRebuildLeaves(after);
    }

    @Test
    void aTallyThatCannotHoldAValueLeavesTheRollupToItsOwnStatement() throws Exception {
        var before = streetRollup();
        List<String> ids = ids(7, "19711210");

        // the first row's part in the tally arrives before 1900, which its keys cannot hold; what is stored is as read
        var outcome = alwaysFirstLoad(3).stageAndApply(false, "first-load-test", () -> false, stage -> {
            writeRows(stage, ids, null, (i, row) -> i != 0 ? row : withCounted(row, LocalDate.of(1899, 12, 31)));
            return List.of();
        });

        assertThat(outcome.registered()).isEqualTo(7);
        var after = streetRollup();
        assertThat(after).isNotEqualTo(before);
        assertThat(jdbc.sql("select count(*) from residence_fact where person_id = any(?)")
                        .param(personIds(ids).toArray(Long[]::new))
                        .query(Long.class)
                        .single())
                .isEqualTo(7);
        assertRebuildLeaves(after);
    }

    /** The row with its part in the rollup's tally moved in on {@code movedIn}, its stored rows unchanged. */
    private static LedgerImport.Sealed withCounted(LedgerImport.Sealed row, LocalDate movedIn) {
        var c = row.counted();
        return new LedgerImport.Sealed(
                row.violations(),
                row.line(),
                row.person(),
                row.episode(),
                row.fact(),
                row.children(),
                new RollupTally.Fact(
                        c.orgPath(),
                        c.category(),
                        c.sex(),
                        c.marital(),
                        c.birthDate(),
                        c.education(),
                        c.householdCode(),
                        c.occupation(),
                        movedIn,
                        c.movedOut()));
    }

    @Test
    void rowsLeftOutAfterTheyWereWrittenFailTheFirstLoad() {
        List<String> ids = ids(3, "19711202");

        assertThatThrownBy(() -> importPersons(alwaysFirstLoad(), ids, null, () -> false, List.of(3)))
                .hasMessageContaining("rows to leave out");

        assertThat(personIds(ids)).isEmpty();
    }

    @Test
    void aReadingThatMayLeaveRowsOutGoesTheUsualWay() throws Exception {
        var before = indexes();
        List<String> ids = ids(3, "19711203");

        var outcome = importPersons(alwaysFirstLoad(), ids, null, () -> true, List.of(3));

        assertThat(outcome.registered()).isEqualTo(2);
        assertThat(personIds(ids)).hasSize(2);
        assertThat(indexes()).as("nothing dropped").isEqualTo(before);
    }

    @Test
    void aLedgerThatHoldsAPersonHasNoFirstLoad() throws Exception {
        importPersons(asConfigured(), ids(1, "19711204"), null, () -> true, List.of());
        var before = indexes();
        List<String> ids = ids(3, "19711205");

        var outcome = importPersons(asConfigured(), ids, null, () -> false, List.of());

        assertThat(outcome.registered()).isEqualTo(3);
        assertThat(indexes()).as("nothing dropped").isEqualTo(before);
    }
}
