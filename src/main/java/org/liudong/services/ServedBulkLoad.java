package org.liudong.services;

import java.util.List;
import org.liudong.shared.BulkPaths;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The bulk-load path of many service records at once, as the demo district's: the secondary indexes and foreign keys
 * of {@code service_record} are dropped and the served counts' trigger (served_ins) is switched off inside the
 * writer's transaction; after the last record the counts are computed once from all records, and the indexes and keys
 * are built again (a key checks every record as it is built). The counts then equal what the trigger would have left (the same recount, {@code served_rebuild}).
 *
 * <p>Dropping an index locks the table against every reader until the transaction ends, so the path is taken only
 * when the new records are many and at least as many as the table holds (the counts are computed again from all of
 * them), and only if the tables can be locked within {@link #LOCK_WAIT}; otherwise the records go in the usual way.
 * The application may neither drop an index or a key nor switch a trigger off: the owner's functions of migration services
 * V8_15 do both, for these tables only, and refuse a commit between {@link #begin} and {@link #end}. A failure or a
 * kill before the commit rolls it all back.
 */
@Component
class ServedBulkLoad {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ServedBulkLoad.class);

    /** How long the writer waits for readers of the service records before it goes the usual way. */
    static final String LOCK_WAIT = "2s";

    /** The tables the path locks (the served counts with the records, as their trigger writes them). */
    private static final List<String> TABLES = List.of("service_record", "served_person", "served_count");

    /** Memory for the recount's grouping of every record and for the sorts of the indexes built again. */
    private static final String MEMORY = "256MB";

    private final JdbcClient jdbc;
    private final int minRecords;
    private final boolean relativeToTable;

    @Autowired
    ServedBulkLoad(JdbcClient jdbc) {
        this(jdbc, 50_000, true);
    }

    /** With {@code relativeToTable} false any write of {@code minRecords} takes the path (for tests). */
    ServedBulkLoad(JdbcClient jdbc, int minRecords, boolean relativeToTable) {
        this.jdbc = jdbc;
        this.minRecords = minRecords;
        this.relativeToTable = relativeToTable;
    }

    /**
     * Takes the path for a write of {@code records} service records if it is worth it and the tables can be locked;
     * answers whether it did, and then {@link #end} must follow in the same transaction. Runs inside it.
     */
    boolean begin(long records) {
        if (records < minRecords
                || (relativeToTable && records < BulkPaths.rowsBeside(jdbc, "service_record", records))) {
            return false;
        }
        if (!BulkPaths.lockWithin(jdbc, "served_bulk_load", LOCK_WAIT, TABLES)) {
            return false;
        }
        jdbc.sql("release savepoint served_bulk_load").update();
        int dropped =
                jdbc.sql("select served_bulk_load_begin()").query(Integer.class).single();
        log.info(
                "Served bulk load: {} indexes and the foreign keys dropped, the served counts' trigger off until the"
                        + " records are in",
                dropped);
        return true;
    }

    /**
     * Right after {@link #begin}, before any record is written: if the table holds no records, the writer will write
     * the served counts of its records itself ({@link ServedTally}) before {@link #end}, which then builds their key
     * instead of recounting (services V8_18); answers whether it will. Otherwise {@link #end} recounts.
     */
    boolean countedByWriter() {
        if (jdbc.sql("select exists (select 1 from service_record)")
                .query(Boolean.class)
                .single()) {
            return false;
        }
        jdbc.sql("select served_bulk_load_counted()").query(String.class).single();
        return true;
    }

    /**
     * Counts what was served from every record (unless the writer wrote the counts), builds the indexes and keys again
     * and switches the trigger back on.
     */
    long end() {
        long begun = System.nanoTime();
        String workMem = setting("work_mem", MEMORY);
        String maintenanceMem = setting("maintenance_work_mem", MEMORY);
        long written =
                jdbc.sql("select served_bulk_load_end()").query(Long.class).single();
        setting("work_mem", workMem);
        setting("maintenance_work_mem", maintenanceMem);
        log.info(
                "Served bulk load: {} served-person rows counted, the indexes and keys built again in {} ms",
                written,
                (System.nanoTime() - begun) / 1_000_000);
        return written;
    }

    /** Sets a setting for the rest of the transaction; answers what it was. */
    private String setting(String name, String value) {
        String before = jdbc.sql("select current_setting(?)")
                .param(name)
                .query(String.class)
                .single();
        jdbc.sql("select set_config(?, ?, true)")
                .params(name, value)
                .query(String.class)
                .single();
        return before;
    }
}
