package org.liudong;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedDatabaseTests {

    @TempDir
    Path dataDir;

    @Test
    void dataSurvivesAStopAndAStartOnTheSameFolder() throws Exception {
        try (var source = new DatabaseConfiguration().dataSource("", "", "", dataDir, 2, "", "", true);
                Connection connection = source.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("create table kept (value text)");
            statement.execute("insert into kept values ('still here')");
        }

        try (var source = new DatabaseConfiguration().dataSource("", "", "", dataDir, 2, "", "", true);
                Connection connection = source.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select value from kept")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("still here");
        }
        assertThat(dataDir.resolve("pg").resolve("PG_VERSION")).content().startsWith("17");
    }
}
