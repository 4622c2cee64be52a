package org.liudong.shared;

import java.util.List;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the bulk-load paths share (the ledger's first load, many service records at once): they drop indexes, which
 * locks the tables against every reader until the transaction ends, so they first lock the tables within a short
 * wait or go the usual way; and they compare the rows they bring with the rows a table holds.
 */
public final class BulkPaths {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(BulkPaths.class);

    private BulkPaths() {}

    /**
     * Locks {@code tables} in access exclusive mode within {@code wait} (e.g. "2s"), under the savepoint
     * {@code savepoint}, which the caller then releases (or rolls back to, which lets the locks go). A wait that runs
     * out, or any other refusal, is rolled back to the savepoint and answers false: the transaction goes on. The
     * transaction's lock timeout is as before either way.
     */
    public static boolean lockWithin(JdbcClient jdbc, String savepoint, String wait, List<String> tables) {
        String before = jdbc.sql("select current_setting('lock_timeout')")
                .query(String.class)
                .single();
        jdbc.sql("savepoint " + savepoint).update();
        try {
            jdbc.sql("set local lock_timeout = '" + wait + "'").update();
            jdbc.sql("lock table " + String.join(", ", tables) + " in access exclusive mode")
                    .update();
        } catch (DataAccessException e) {
            jdbc.sql("rollback to savepoint " + savepoint).update();
            log.info(
                    "Bulk load: {} could not be locked within {}, the rows go in the usual way ({})",
                    tables,
                    wait,
                    e.getMessage());
            return false;
        }
        jdbc.sql("select set_config('lock_timeout', ?, true)")
                .param(before)
                .query(String.class)
                .single();
        return true;
    }

    /**
     * How many rows {@code table} holds, as far as comparing it with {@code rows} needs: the planner's estimate when
     * that is far above them (counting a city's millions would take a second to learn that a path is out of the
     * question), the exact count otherwise.
     */
    public static long rowsBeside(JdbcClient jdbc, String table, long rows) {
        double estimate = jdbc.sql("select reltuples from pg_class where oid = ?::regclass")
                .param(table)
                .query(Double.class)
                .single();
        if (estimate > 2.0 * rows) {
            return (long) estimate;
        }
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }
}
