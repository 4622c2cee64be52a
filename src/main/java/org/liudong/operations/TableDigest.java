package org.liudong.operations;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a table holds, in a form two databases can compare: its row count and an order-independent content
 * hash (the sum of the first 60 bits of each row's MD5 over its text form, under fixed session settings).
 */
record TableDigest(String table, long rows, String hash) {

    /** Left out of backups: Flyway's own history (rebuilt by migrating) and web sessions (sign in again). */
    static final Set<String> NOT_BACKED_UP =
            Set.of("flyway_schema_history", "spring_session", "spring_session_attributes");

    /** Text forms that do not depend on the server's or the client's settings. */
    static void fixSettings(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("set timezone = 'UTC'");
            statement.execute("set datestyle = 'ISO, YMD'");
            statement.execute("set intervalstyle = 'postgres'");
            statement.execute("set extra_float_digits = 3");
            statement.execute("set bytea_output = 'hex'");
        }
    }

    /** The public schema's tables that a backup carries, by name. */
    static List<String> tables(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(
                        "select tablename from pg_tables where schemaname = 'public' order by tablename")) {
            while (rs.next()) {
                if (!NOT_BACKED_UP.contains(rs.getString(1))) {
                    tables.add(rs.getString(1));
                }
            }
        }
        return tables;
    }

    static TableDigest of(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs =
                        statement.executeQuery("select count(*), coalesce(sum(('x' || substr(md5(t::text), 1, 15))"
                                + "::bit(60)::bigint), 0)::text from " + quote(table) + " t")) {
            rs.next();
            return new TableDigest(table, rs.getLong(1), rs.getString(2));
        }
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
