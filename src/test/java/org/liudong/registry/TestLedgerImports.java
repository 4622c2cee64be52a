package org.liudong.registry;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.liudong.eligibility.Decree555;
import org.liudong.org.OrgUnits;
import org.liudong.security.FieldEncryption;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Ledger imports with a bulk-load policy of a test's choosing, and the indexes such a load drops and builds again. */
public final class TestLedgerImports {

    private TestLedgerImports() {}

    /** The application's ledger import, with {@code policy} instead of its own. */
    static LedgerImport with(ApplicationContext context, BulkLoad policy) {
        return with(context, policy, FirstLoad.CHUNK);
    }

    /** As {@link #with(ApplicationContext, BulkLoad)}, a first load writing {@code chunk} rows together. */
    static LedgerImport with(ApplicationContext context, BulkLoad policy, int chunk) {
        return new LedgerImport(
                context.getBean(PersonValidation.class),
                context.getBean(Decree555.class),
                context.getBean(OrgUnits.class),
                context.getBean(FieldEncryption.class),
                context.getBean(PersonHistory.class),
                context.getBean(JdbcClient.class),
                context.getBean(DataSource.class),
                context.getBean(TransactionTemplate.class),
                context,
                context.getBean(Clock.class),
                policy,
                chunk);
    }

    /**
     * An import that takes a district's first-load path whatever the ledger holds, unless the reading may leave rows
     * out; the rows it imports must be new persons.
     */
    public static LedgerImport alwaysFirstLoad(ApplicationContext context) {
        return with(context, new BulkLoad(context.getBean(JdbcClient.class), 1_000_000, true, true));
    }

    /**
     * Inside a transaction, as a first load begins writing after its last row: drops the ledger's indexes (as the bulk
     * load does) and leaves the person-reference checks, and with {@code rollup} the rollup's deltas, to the writer.
     */
    static void checksByWriter(JdbcClient jdbc, boolean rollup) {
        jdbc.sql("select bulk_load_drop_indexes()").query(Integer.class).single();
        jdbc.sql("select first_load_by_writer(?)")
                .param(rollup)
                .query(String.class)
                .single();
    }

    /** Each index of the tables a load writes, by name: its definition and its relation's id. */
    static Map<String, List<String>> indexes(JdbcClient jdbc) {
        Map<String, List<String>> found = new TreeMap<>();
        jdbc.sql("""
                        select c.relname, pg_get_indexdef(i.indexrelid), i.indexrelid::bigint
                        from pg_index i join pg_class c on c.oid = i.indexrelid
                        where i.indrelid = any(cast(? as regclass[]))""").param(BulkLoad.TABLES.toArray(String[]::new)).query(rs -> {
            found.put(rs.getString(1), List.of(rs.getString(2), rs.getString(3)));
        });
        return found;
    }

    /** The definitions of {@link #indexes}, without the relations' ids (which a rebuild changes). */
    static Map<String, String> definitions(Map<String, List<String>> indexes) {
        Map<String, String> definitions = new TreeMap<>();
        indexes.forEach((name, index) -> definitions.put(name, index.get(0)));
        return definitions;
    }
}
