package org.liudong;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Refuses a PostgreSQL that could lose or tear committed data in a crash: {@code fsync},
 * {@code synchronous_commit} and {@code full_page_writes} must all be on. Checked at start, before migrations.
 */
final class DatabaseDurability {

    static final List<String> SETTINGS = List.of("fsync", "synchronous_commit", "full_page_writes");

    private DatabaseDurability() {}

    /** Throws with every offending setting named; answers normally when all three are on. */
    static void verify(Connection connection) throws SQLException {
        List<String> off = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            for (String setting : SETTINGS) {
                try (ResultSet rs = statement.executeQuery("show " + setting)) {
                    rs.next();
                    String value = rs.getString(1);
                    // synchronous_commit may also be local, remote_write, remote_apply: only "off" loses commits
                    if ("off".equalsIgnoreCase(value)) {
                        off.add(setting + " = " + value);
                    }
                }
            }
        }
        if (!off.isEmpty()) {
            throw new UnsafeDatabase("Liudong refuses to start: the database runs with " + String.join(", ", off)
                    + ". A crash could then lose or corrupt committed records. Set fsync, synchronous_commit"
                    + " and full_page_writes to on (postgresql.conf, ALTER SYSTEM, or ALTER DATABASE/ROLE for"
                    + " synchronous_commit) and restart.");
        }
    }

    /** The database's configuration is not crash-safe. */
    static class UnsafeDatabase extends IllegalStateException {
        UnsafeDatabase(String message) {
            super(message);
        }
    }
}
