package org.liudong.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liudong.security.Role;
import org.liudong.security.TestUsers;
import org.liudong.shared.RestoredFromBackup;
import org.liudong.support.SharedTestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/**
 * A backup of the test database restored into a new database has the same row count and content hash in every
 * table; a damaged backup, another schema version or a database in use is refused.
 */
@SpringBootTest
@RecordApplicationEvents
class BackupRestoreTests {

    @TempDir
    Path work;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RestoreFollowUp followUp;

    @Test
    void aRestoredCopyHoldsExactlyWhatWasBackedUpAndItsKeys() throws Exception {
        users.ready("backup-officer", Role.DISTRICT_OFFICER, "110107");
        Path dataDir = Files.createDirectories(work.resolve("data"));
        Files.createDirectories(dataDir.resolve("keys"));
        Files.writeString(dataDir.resolve("keys").resolve("field-keys.properties"), "k1=secret\n");
        Path backup = work.resolve("backup");

        Map<String, TableDigest> before;
        try (Connection source = owner("postgres")) {
            Backups.Summary made = Backups.backup(source, dataDir, backup);
            assertThat(made.rows()).isPositive();
            before = Backups.digests(source);
        }
        Manifest manifest = Manifest.read(backup);
        assertThat(manifest.tables()).containsKeys("person", "audit_event", "org_unit", "app_user");
        assertThat(manifest.tables().get("app_user").rows()).isPositive();
        assertThat(manifest.files()).containsExactly("keys/field-keys.properties");

        Path restoredData = work.resolve("restored-data");
        String copy = createDatabase("restore_copy_" + System.nanoTime());
        try (Connection target = owner(copy)) {
            Backups.Summary restored = restore(target, copy, backup, restoredData, false);
            assertThat(restored.rows())
                    .isEqualTo(manifest.tables().values().stream()
                            .mapToLong(TableDigest::rows)
                            .sum());
            Map<String, TableDigest> after = Backups.digests(target);
            after.remove("operations_restore");
            Map<String, TableDigest> expected = new java.util.LinkedHashMap<>(manifest.tables());
            expected.remove("operations_restore");
            assertThat(after).isEqualTo(expected);
            // the manifest is the source's content: checked on tables no background job writes (the exchange's
            // sender keeps updating its outbox rows' retries while the test runs)
            for (String table : List.of("person", "residence_episode", "org_unit", "division")) {
                assertThat(before.get(table)).as(table).isEqualTo(expected.get(table));
            }
            assertThat(JdbcClient.create(
                                    new org.springframework.jdbc.datasource.SingleConnectionDataSource(target, true))
                            .sql("select count(*) from operations_restore where followed_up_at is null")
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
        }
        assertThat(restoredData.resolve("keys").resolve("field-keys.properties"))
                .hasContent("k1=secret");
    }

    @Test
    void aDamagedBackupIsRefusedAndLoadsNothing() throws Exception {
        Path backup = work.resolve("backup");
        try (Connection source = owner("postgres")) {
            Backups.backup(source, work.resolve("no-data"), backup);
        }
        // one row of the divisions table goes missing
        Path divisions = backup.resolve("tables").resolve("division.copy.gz");
        assertThat(divisions).exists();
        List<String> lines = new ArrayList<>(List.of(new String(
                        new java.util.zip.GZIPInputStream(Files.newInputStream(divisions)).readAllBytes(),
                        java.nio.charset.StandardCharsets.UTF_8)
                .split("\n")));
        lines.remove(lines.size() - 1);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(divisions))) {
            out.write((String.join("\n", lines) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        String copy = createDatabase("restore_bad_" + System.nanoTime());
        try (Connection target = owner(copy)) {
            assertThatThrownBy(() -> restore(target, copy, backup, work.resolve("d"), false))
                    .hasMessageContaining("differ from the backup")
                    .hasMessageContaining("division (backup");
            try (Statement statement = target.createStatement();
                    var rs = statement.executeQuery("select count(*) from person")) {
                rs.next();
                assertThat(rs.getLong(1)).isZero();
            }
            // and a database that holds tables is not overwritten without --replace
            assertThatThrownBy(() -> restore(target, copy, backup, work.resolve("d"), false))
                    .hasMessageContaining("already holds")
                    .hasMessageContaining("--replace");
        }
    }

    @Test
    void aBackupOfAnotherSchemaVersionOrAnUnfinishedOneIsRefused() throws Exception {
        Path backup = work.resolve("backup");
        try (Connection source = owner("postgres")) {
            Backups.backup(source, work.resolve("no-data"), backup);
            assertThatThrownBy(() -> Backups.backup(source, work.resolve("no-data"), backup))
                    .hasMessageContaining("already holds a backup");
        }
        String copy = createDatabase("restore_version_" + System.nanoTime());
        try (Connection target = owner(copy)) {
            assertThatThrownBy(() ->
                            Backups.restore(target, backup, work.resolve("d"), false, List.of("1.1 123"), () -> {}))
                    .hasMessageContaining("another version of Liudong");
            Files.delete(backup.resolve(Manifest.FILE));
            assertThatThrownBy(() -> restore(target, copy, backup, work.resolve("d"), false))
                    .hasMessageContaining("did not finish");
        }
    }

    @Test
    void theFirstStartAfterARestorePublishesRestoredFromBackupOnce(@Autowired ApplicationEvents events) {
        SharedTestDatabase.owner()
                .sql("insert into operations_restore (backup_created, tables, row_count) values (now(), 1, 1)")
                .update();

        assertThat(followUp.followUp()).isEqualTo(1);
        assertThat(followUp.followUp()).isZero();
        assertThat(events.stream(RestoredFromBackup.class)).hasSize(1);
    }

    private static Backups.Summary restore(
            Connection target, String database, Path backup, Path dataDir, boolean replace) throws Exception {
        Flyway flyway = Flyway.configure()
                .dataSource(url(database), "postgres", "")
                .locations("classpath:db/migration")
                .outOfOrder(true)
                .load();
        List<String> migrations = new ArrayList<>();
        for (MigrationInfo info : flyway.info().all()) {
            if (info.getVersion() != null) {
                migrations.add(info.getVersion() + " " + info.getChecksum());
            }
        }
        return Backups.restore(target, backup, dataDir, replace, migrations, flyway::migrate);
    }

    private static String url(String database) {
        return SharedTestDatabase.jdbcUrl(database);
    }

    private static Connection owner(String database) throws Exception {
        return DriverManager.getConnection(url(database), "postgres", "");
    }

    private static String createDatabase(String name) throws Exception {
        try (Connection connection = owner("postgres");
                Statement statement = connection.createStatement()) {
            statement.execute("create database " + name);
        }
        return name;
    }
}
