package org.liudong.registry;

import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.liudong.shared.BulkPaths;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The bulk-load path of an import that brings many persons to a small ledger, as a district's first load does: the
 * secondary indexes of the tables the new persons go to are dropped inside the import's transaction and built again
 * from the finished tables, as a restore builds them. Sorting 212,000 keys once costs far less than placing them one
 * by one into six growing indexes.
 *
 * <p>Dropping an index locks its table against every reader until the transaction ends, so the path is taken only
 * when the import at least doubles the ledger, never for a dry run, and only if the tables can be locked within
 * {@link #LOCK_WAIT}; otherwise the rows go in the usual way. The application may not drop an index itself: the
 * owner's functions of migration V5_15 drop those of these tables (read from the catalogue, so an index added by a
 * later migration is rebuilt as it is) and build them again, and refuse a commit in between. A failure or a kill
 * before the commit rolls the drops back with the rows: the ledger keeps its indexes either way.
 */
@Component
class BulkLoad {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(BulkLoad.class);

    /**
     * The tables a new person's rows go to (those of V5_15's functions). The rollup is left alone: it gets a few
     * rows per community and month.
     */
    static final List<String> TABLES =
            List.of("person", "residence_episode", "residence_fact", "person_history", "person_child");

    /**
     * The secondary indexes kept in place (migration V5_23): only the loaded rows that satisfy their condition enter
     * them, one by one, while building them again scans the whole table. The facts at a service site: a ledger's
     * file often names no site (site workers record them later); the rebuild scanned the demo district's 263,209
     * facts in some 0.15 s, of which a fifth name a site.
     */
    static final List<String> KEPT = List.of("residence_fact_site_idx");

    /** How long the import waits for readers of the ledger to finish before it goes the usual way. */
    static final String LOCK_WAIT = "2s";

    private final JdbcClient jdbc;
    private final int minRows;
    private final boolean relativeToLedger;
    private final boolean firstLoadOnAnyLedger;

    @Autowired
    BulkLoad(JdbcClient jdbc, @Value("${liudong.imports.bulk-load-min-rows:50000}") int minRows) {
        this(jdbc, minRows, true, false);
    }

    /** With {@code relativeToLedger} false any import of {@code minRows} new persons takes the path (for tests). */
    BulkLoad(JdbcClient jdbc, int minRows, boolean relativeToLedger) {
        this(jdbc, minRows, relativeToLedger, false);
    }

    /**
     * With {@code firstLoadOnAnyLedger} an import treats the ledger as empty for {@link #beginFirstLoad} (for tests,
     * whose rows must then be new persons).
     */
    BulkLoad(JdbcClient jdbc, int minRows, boolean relativeToLedger, boolean firstLoadOnAnyLedger) {
        this.jdbc = jdbc;
        this.minRows = minRows;
        this.relativeToLedger = relativeToLedger;
        this.firstLoadOnAnyLedger = firstLoadOnAnyLedger;
    }

    /** The indexes dropped in the current transaction, to be built again before it commits. */
    final class Dropped {

        private final int indexes;

        private Dropped(int indexes) {
            this.indexes = indexes;
        }

        int indexes() {
            return indexes;
        }

        /** Builds every dropped index again (a unique one checks its rule over all rows as it is built). */
        void rebuild() {
            long begun = System.nanoTime();
            jdbc.sql("set local maintenance_work_mem = '256MB'").update();
            int built = jdbc.sql("select bulk_load_rebuild_indexes()")
                    .query(Integer.class)
                    .single();
            if (built != indexes) {
                throw new IllegalStateException("Bulk load: " + indexes + " indexes dropped, " + built + " built");
            }
            log.info("Bulk load: {} indexes built again in {} ms", built, (System.nanoTime() - begun) / 1_000_000);
        }
    }

    /** Whether adding {@code newRows} persons to a ledger of {@code existing} takes the bulk path. */
    boolean worthIt(long newRows, long existing) {
        return newRows >= minRows && (!relativeToLedger || newRows >= existing);
    }

    /**
     * Takes the bulk path if an import of at most {@code staged} rows, of which {@code newRows} (asked only when the
     * cheaper figure allows it) are new persons, is worth it and the tables can be locked: answers the dropped
     * indexes, or empty when the rows are to go in the usual way. Runs inside the import's transaction.
     */
    Optional<Dropped> begin(long staged, LongSupplier newRows) {
        if (!worthIt(staged, 0)) {
            return Optional.empty();
        }
        long existing = relativeToLedger ? BulkPaths.rowsBeside(jdbc, "person", staged) : 0;
        if (!worthIt(staged, existing) || !worthIt(newRows.getAsLong(), existing)) {
            return Optional.empty();
        }
        if (!lockWithin()) {
            return Optional.empty();
        }
        jdbc.sql("release savepoint bulk_load").update();
        return Optional.of(drop());
    }

    /**
     * Takes the path of a district's first load, before a single row is read: the ledger holds no person at all
     * (so every valid row is a new person, and none is another district's), the reading will not leave rows out
     * after they were written, and the tables can be locked within {@link #LOCK_WAIT}. Answers the dropped indexes,
     * or empty for the usual way; the ledger stays locked until the import's transaction ends. Runs inside it.
     */
    Optional<Dropped> beginFirstLoad(BooleanSupplier rowsMayBeLeftOut) {
        if (!firstLoadOnAnyLedger && !ledgerEmpty()) {
            return Optional.empty();
        }
        if (rowsMayBeLeftOut.getAsBoolean() || !lockWithin()) {
            return Optional.empty();
        }
        // a person registered before the lock was granted: the usual way, and the lock goes with its savepoint
        if (!firstLoadOnAnyLedger && !ledgerEmpty()) {
            jdbc.sql("rollback to savepoint bulk_load").update();
            return Optional.empty();
        }
        jdbc.sql("release savepoint bulk_load").update();
        return Optional.of(drop());
    }

    /** Locks the tables within {@link #LOCK_WAIT} under the savepoint {@code bulk_load}, which the caller ends. */
    private boolean lockWithin() {
        return BulkPaths.lockWithin(jdbc, "bulk_load", LOCK_WAIT, TABLES);
    }

    private boolean ledgerEmpty() {
        return !jdbc.sql("select exists (select 1 from person)")
                .query(Boolean.class)
                .single();
    }

    /**
     * Drops the secondary indexes of the tables (not those behind a primary key or another constraint, nor those
     * {@link #KEPT}) through the owner's function of migrations V5_15 and V5_23, which keeps their definitions until
     * {@link Dropped#rebuild}.
     */
    private Dropped drop() {
        int dropped = jdbc.sql("select bulk_load_drop_indexes(?)")
                .param(KEPT.toArray(String[]::new))
                .query(Integer.class)
                .single();
        log.info("Bulk load: {} indexes dropped until the rows are in", dropped);
        return new Dropped(dropped);
    }
}
