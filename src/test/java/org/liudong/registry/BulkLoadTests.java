package org.liudong.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
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
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The bulk-load path of a large import: the same rows as the usual way, every index back as it was, the usual way
 * when the ledger is in use, and nothing lost when the transaction fails after the drops.
 */
@SpringBootTest
class BulkLoadTests {

    private static final String COMMUNITY = "110107001003";

    @Autowired
    ApplicationContext context;

    @Autowired
    FieldEncryption encryption;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    TestUsers users;

    @BeforeEach
    void signIn() {
        users.signIn(users.ready("bulk", Role.DISTRICT_OFFICER, "110107").username());
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    /** An import that takes the bulk path for any number of new persons. */
    private LedgerImport alwaysBulk() {
        return TestLedgerImports.with(context, new BulkLoad(jdbc, 1, false));
    }

    private Map<String, List<String>> indexes() {
        return TestLedgerImports.indexes(jdbc);
    }

    private static Map<String, String> definitions(Map<String, List<String>> indexes) {
        return TestLedgerImports.definitions(indexes);
    }

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

    private LedgerImport.Outcome importPersons(LedgerImport ledger, List<String> ids) throws Exception {
        return ledger.stageAndApply(false, "bulk-test", () -> true, stage -> {
            int row = 2;
            for (String id : ids) {
                int number = row++;
                // sealed off the transaction's thread, as the import's workers do: its connection is busy copying
                var sealed = java.util.concurrent.CompletableFuture.supplyAsync(
                                () -> stage.seal(number, TestPersons.minimal("批量", id, COMMUNITY), null))
                        .join();
                assertThat(sealed.violations()).isEmpty();
                stage.write(sealed);
            }
            return List.of();
        });
    }

    private long count(String sql, List<String> ids) {
        return jdbc.sql(sql)
                .param(ids.stream().map(encryption::keyedHash).toArray(String[]::new))
                .query(Long.class)
                .single();
    }

    @Test
    void aLoadThatTakesTheBulkPathStoresWhatTheUsualWayStoresAndBuildsEveryIndexAgain() throws Exception {
        var before = indexes();
        List<String> ids = ids(40, "19860303");

        var outcome = importPersons(alwaysBulk(), ids);

        assertThat(outcome.registered()).isEqualTo(40);
        var after = indexes();
        assertThat(definitions(after)).isEqualTo(definitions(before));
        assertThat(after.get("person_name_scope_idx").get(1))
                .as("rebuilt, so a new relation")
                .isNotEqualTo(before.get("person_name_scope_idx").get(1));
        assertThat(after.get("person_pkey")).as("a primary key stays").isEqualTo(before.get("person_pkey"));
        assertThat(after.get("residence_fact_site_idx"))
                .as("kept, not built again")
                .isEqualTo(before.get("residence_fact_site_idx"));
        assertThat(count("select count(*) from person where id_number_hash = any(?)", ids))
                .isEqualTo(40);
        assertThat(count("""
                        select count(*) from residence_fact f join person p on p.id = f.person_id
                        where p.id_number_hash = any(?) and f.moved_out is null""", ids)).isEqualTo(40);
        assertThat(count("""
                        select count(*) from person_history h join person p on p.id = h.person_id
                        where p.id_number_hash = any(?) and h.action = 'IMPORTED'""", ids)).isEqualTo(40);
        // the rebuilt unique index still holds: the same person again is known, not new
        var again = importPersons(alwaysBulk(), ids.subList(0, 3));
        assertThat(again.registered()).isZero();
        assertThat(again.unchanged()).isEqualTo(3);
    }

    @Test
    void aLedgerInUseIsNotLockedAndTheRowsGoInTheUsualWay() throws Exception {
        var before = indexes();
        List<String> ids = ids(5, "19860404");
        try (Connection reader = dataSource.getConnection()) {
            reader.setAutoCommit(false);
            reader.createStatement().execute("lock table person in access share mode");

            var outcome = importPersons(alwaysBulk(), ids);

            assertThat(outcome.registered()).isEqualTo(5);
            reader.rollback();
        }
        assertThat(indexes()).as("nothing dropped or built").isEqualTo(before);
        assertThat(count("select count(*) from person where id_number_hash = any(?)", ids))
                .isEqualTo(5);
    }

    @Test
    void aFailureAfterTheIndexesWereDroppedLeavesThemAllInPlace() {
        var before = indexes();

        assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
                    var dropped = new BulkLoad(jdbc, 1, false).begin(1, () -> 1).orElseThrow();
                    assertThat(dropped.indexes())
                            .as("all but 5 primary keys and the kept")
                            .isEqualTo(before.size() - 6);
                    assertThat(indexes())
                            .doesNotContainKeys("person_id_number_live_idx", "residence_fact_path_idx")
                            .containsKeys(
                                    "person_pkey",
                                    "residence_episode_pkey",
                                    "person_child_pkey",
                                    "residence_fact_site_idx");
                    throw new IllegalStateException("killed before the rebuild");
                }))
                .hasMessage("killed before the rebuild");

        assertThat(indexes()).isEqualTo(before);
    }

    @Test
    void aTransactionThatDroppedTheIndexesCannotCommitWithoutBuildingThemAgain() {
        var before = indexes();

        assertThatThrownBy(() -> tx.executeWithoutResult(
                        status -> new BulkLoad(jdbc, 1, false).begin(1, () -> 1).orElseThrow()))
                .rootCause()
                .hasMessageContaining("not built again");

        assertThat(indexes()).isEqualTo(before);
    }

    @Test
    void theApplicationCannotHaveAnIndexOfItsOwnBuilt() {
        assertThatThrownBy(() -> jdbc.sql("insert into bulk_load_index values ('x', 'create index x on person (name)')")
                        .update())
                .rootCause()
                .hasMessageContaining("permission denied");
    }

    @Test
    void theLedgerItselfDecidesWhetherAnImportDoublesIt() throws Exception {
        importPersons(alwaysBulk(), ids(2, "19860505"));
        long persons = jdbc.sql("select count(*) from person").query(Long.class).single();
        var policy = new BulkLoad(jdbc, 1, true);
        var before = indexes();

        java.util.Optional<BulkLoad.Dropped> fewer = tx.execute(status -> policy.begin(persons - 1, () -> persons - 1));
        java.util.Optional<BulkLoad.Dropped> mostlyKnown =
                tx.execute(status -> policy.begin(persons * 3, () -> persons - 1));

        assertThat(fewer).as("fewer new persons than the ledger holds").isEmpty();
        assertThat(mostlyKnown).as("a large file of mostly known persons").isEmpty();
        assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
                    assertThat(policy.begin(persons * 3, () -> persons * 3)).isPresent();
                    throw new IllegalStateException("rolled back");
                }))
                .hasMessage("rolled back");
        assertThat(indexes()).isEqualTo(before);
    }

    @Test
    void onlyAnImportThatAtLeastDoublesTheLedgerIsWorthIt() {
        var policy = new BulkLoad(jdbc, 50_000, true);

        assertThat(policy.worthIt(212_000, 0)).isTrue();
        assertThat(policy.worthIt(212_000, 212_000)).isTrue();
        assertThat(policy.worthIt(212_000, 212_001)).isFalse();
        assertThat(policy.worthIt(49_999, 0)).as("too few to gain").isFalse();
        assertThat(new BulkLoad(jdbc, 1, false).worthIt(1, 10_000_000)).isTrue();
    }
}
