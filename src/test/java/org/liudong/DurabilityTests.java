package org.liudong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liudong.support.SharedTestDatabase;

/** The server refuses a database that is not crash-safe, and creates its own cluster with data checksums. */
class DurabilityTests {

    @TempDir
    Path dataDir;

    @Test
    void theEmbeddedClusterHasDataChecksumsAndRunsCrashSafe() throws Exception {
        try (var source = new DatabaseConfiguration().dataSource("", "", "", dataDir, 2, "", "", true);
                Connection connection = source.getConnection()) {
            assertThat(show(connection, "data_checksums")).isEqualTo("on");
            assertThat(show(connection, "fsync")).isEqualTo("on");
            assertThat(show(connection, "synchronous_commit")).isEqualTo("on");
            assertThat(show(connection, "full_page_writes")).isEqualTo("on");
            // the least WAL (no replica, logical backups) and PostgreSQL's own C.UTF-8 order for text
            assertThat(show(connection, "wal_level")).isEqualTo("minimal");
            try (Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery("select datlocprovider::text, datlocale from pg_database"
                            + " where datname = current_database()")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("b");
                assertThat(rs.getString(2)).isEqualTo("C.UTF-8");
            }
        }
    }

    @Test
    void eachOfTheThreeSettingsOffIsRefusedByName() throws Exception {
        // the library starts its servers with -F (fsync off); synchronous_commit is set on here
        try (EmbeddedPostgres unsafe = EmbeddedPostgres.builder()
                        .setServerConfig("synchronous_commit", "on")
                        .start();
                Connection connection = unsafe.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> DatabaseDurability.verify(connection))
                    .isInstanceOf(DatabaseDurability.UnsafeDatabase.class)
                    .hasMessageContaining("fsync = off")
                    .hasMessageNotContaining("synchronous_commit =")
                    .hasMessageNotContaining("full_page_writes =");

            statement.execute("alter system set full_page_writes = off");
            statement.execute("select pg_reload_conf()");
            awaitSetting(connection, "full_page_writes", "off");
            assertThatThrownBy(() -> DatabaseDurability.verify(connection))
                    .hasMessageContaining("fsync = off, full_page_writes = off")
                    .hasMessageNotContaining("synchronous_commit =");

            statement.execute("set synchronous_commit = off");
            assertThatThrownBy(() -> DatabaseDurability.verify(connection))
                    .hasMessageContaining("fsync = off, synchronous_commit = off, full_page_writes = off");
        }
    }

    @Test
    void theServerDoesNotStartOnAnUnsafeDatabaseAndSaysWhy() {
        // the shared test server runs with synchronous_commit off (the library's default, for speed)
        assertThatThrownBy(() -> new DatabaseConfiguration()
                        .dataSource(SharedTestDatabase.jdbcUrl(), "postgres", "", dataDir, 2, "", "", true))
                .isInstanceOf(DatabaseDurability.UnsafeDatabase.class)
                .hasMessageContaining("refuses to start")
                .hasMessageContaining("synchronous_commit = off");
    }

    private static String show(Connection connection, String setting) throws Exception {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("show " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void awaitSetting(Connection connection, String setting, String value) throws Exception {
        for (int i = 0; i < 100 && !value.equals(show(connection, setting)); i++) {
            Thread.sleep(50);
        }
        assertThat(show(connection, setting)).isEqualTo(value);
    }
}
