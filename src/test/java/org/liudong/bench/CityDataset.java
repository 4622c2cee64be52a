package org.liudong.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Grows a ledger holding the demo district (Shijingshan, about 212,000 floating people at the end of 2012) to a
 * city of a chosen size by replicating the district, set-based in the database, across Beijing's 16 districts:
 * copy {@code c} lands in district {@code DISTRICTS[(c - 1) % 16]}, each Shijingshan community mapped onto one of
 * that district's real communities (and streets onto that community's street), so counts by district, street and
 * community spread over the real org tree. Persons, residence episodes, children, history, verifications,
 * services and sites (with members, activities, publicity and admissions) are copied with ids shifted by a
 * stride per copy; the last copy may be partial (persons whose id falls in the first part of each thousand).
 *
 * <p>A copy keeps its original's ciphertexts (the field key's AAD is the key id, so they decrypt, to the
 * original's ID number) and gets a distinct keyed hash ({@code hash~c}): ID lookups are measured on the original
 * district's persons, whose hashes are real, against the whole table. Each copy is one transaction recorded in
 * {@code bench_copy}, so an interrupted build resumes at the next copy; secondary indexes are dropped during the
 * bulk copy and rebuilt afterwards (their definitions kept in {@code bench_index} until then).
 */
final class CityDataset {

    /** Floating people at the end of 2012 in one copy of the demo district (the briefing's figure). */
    static final int DISTRICT_PERSONS = 212_000;

    /** Beijing's 16 districts in 2012 (Shijingshan, the original, last). */
    static final List<String> DISTRICTS = List.of(
            "110105", "110108", "110106", "110114", "110115", "110113", "110112", "110102", "110101", "110111",
            "110109", "110117", "110116", "110118", "110119", "110107");

    /** Tables copied, in foreign-key order; and the stride source for each id-bearing column. */
    private static final List<String> TABLES = List.of(
            "person",
            "person_child",
            "residence_episode",
            "person_history",
            "person_verification",
            "service_record",
            "service_record_history",
            "service_visit",
            "service_site",
            "site_member",
            "site_association",
            "site_publicity",
            "site_publicity_update",
            "site_activity",
            "site_activity_person",
            "site_admission");

    /** Columns holding another table's id, by name, and the table whose stride shifts them. */
    private static final Map<String, String> REFERENCES = Map.of(
            "person_id", "person",
            "merged_into", "person",
            "site_id", "service_site",
            "activity_id", "site_activity",
            "record_id", "service_record");

    private static final Set<String> HASHES = Set.of("id_number_hash", "spouse_id_hash");

    private final JdbcClient owner;
    private final Consumer<String> log;

    CityDataset(JdbcClient owner, Consumer<String> log) {
        this.owner = owner;
        this.log = log;
    }

    /** Copies (full and partial) needed for a city of {@code persons} floating people. */
    static double copiesFor(int persons) {
        return Math.max(1.0, persons / (double) DISTRICT_PERSONS);
    }

    /** Persons on the ledger (every status). */
    long personRows() {
        return owner.sql("select count(*) from person").query(Long.class).single();
    }

    /**
     * Grows the ledger to {@code copies} times the district (1 = the district alone, nothing done); answers the
     * seconds spent, 0 when the dataset was already built.
     */
    double grow(double copies) {
        int full = (int) Math.floor(copies);
        int permille = (int) Math.round((copies - full) * 1000);
        int last = permille > 0 ? full : full - 1; // copies numbered 1..last, the original is copy 0
        owner.sql("create table if not exists bench_copy (copy int primary key, permille int not null,"
                        + " seconds numeric not null, at timestamptz not null default now())")
                .update();
        owner.sql("create table if not exists bench_index (table_name text not null, index_name text primary key,"
                        + " definition text not null)")
                .update();
        owner.sql("create table if not exists bench_stride (table_name text primary key, stride bigint not null)")
                .update();
        List<Integer> done =
                owner.sql("select copy from bench_copy").query(Integer.class).list();
        List<Integer> todo = new ArrayList<>();
        for (int c = 1; c <= last; c++) {
            if (!done.contains(c)) {
                todo.add(c);
            }
        }
        long started = System.nanoTime();
        if (!todo.isEmpty()) {
            Map<String, Long> strides = strides();
            prepareMap(last);
            dropIndexes();
            for (int c : todo) {
                int part = c == full && permille > 0 ? permille : 1000;
                long copyStarted = System.nanoTime();
                copy(c, part, strides);
                log.accept(String.format(
                        "copy %d of %d (%s, %d‰) in %.1f s",
                        c,
                        last,
                        DISTRICTS.get((c - 1) % DISTRICTS.size()),
                        part,
                        (System.nanoTime() - copyStarted) / 1e9));
            }
        }
        if (!todo.isEmpty() && factTable()) {
            // the copies were written with triggers off (replica role): the counting read model is refilled
            long started2 = System.nanoTime();
            long facts = owner.sql("select residence_fact_rebuild()")
                    .query(Long.class)
                    .single();
            log.accept(String.format(
                    "residence_fact refilled: %,d rows in %.1f s", facts, (System.nanoTime() - started2) / 1e9));
        }
        rebuildIndexes();
        if (todo.isEmpty()) {
            return 0;
        }
        for (String table : TABLES) {
            resetIdentity(table);
        }
        owner.sql("vacuum analyze").update();
        return (System.nanoTime() - started) / 1e9;
    }

    /** The id stride per table: above the original district's largest id, fixed at the first copy. */
    private Map<String, Long> strides() {
        for (String table : TABLES) {
            if (hasColumn(table, "id")) {
                owner.sql("insert into bench_stride (table_name, stride) select ?, coalesce(max(id), 0) + 1 from "
                                + table + " on conflict do nothing")
                        .param(table)
                        .update();
            }
        }
        Map<String, Long> strides = new LinkedHashMap<>();
        owner.sql("select table_name, stride from bench_stride")
                .query((rs, n) -> strides.put(rs.getString(1), rs.getLong(2)))
                .list();
        return strides;
    }

    /**
     * {@code bench_map(copy, src_code, src_len, dst_path, dst_code)}: the original district, each of its streets
     * and each of its communities, mapped per copy onto the target district, a street and a community there.
     */
    private void prepareMap(int copies) {
        owner.sql("drop table if exists bench_map").update();
        owner.sql("create table bench_map (copy int not null, src_code text not null, src_len int not null,"
                        + " dst_path text not null, dst_code text not null, primary key (copy, src_code))")
                .update();
        for (int c = 1; c <= copies; c++) {
            String district = DISTRICTS.get((c - 1) % DISTRICTS.size());
            owner.sql("""
                    with src as (
                        select code, path, parent_code, row_number() over (order by code) - 1 as i
                        from org_unit where level = 'COMMUNITY' and path like '/11/110107/%'),
                    dst as (
                        select code, path, parent_code, row_number() over (order by code) - 1 as i,
                               count(*) over () as n
                        from org_unit where level = 'COMMUNITY' and path like '/11/' || :district || '/%')
                    insert into bench_map (copy, src_code, src_len, dst_path, dst_code)
                    select :copy, src.code, length(src.path), dst.path, dst.code
                    from src join dst on dst.i = (src.i + :copy * 13) % dst.n""").param("district", district).param("copy", c).update();
            // a street goes where its first community went; the district to the target district
            owner.sql("""
                    insert into bench_map (copy, src_code, src_len, dst_path, dst_code)
                    select distinct on (s.code) :copy, s.code, length(s.path), d.path, d.code
                    from org_unit s
                    join org_unit sc on sc.parent_code = s.code
                    join bench_map m on m.copy = :copy and m.src_code = sc.code
                    join org_unit dc on dc.code = m.dst_code
                    join org_unit d on d.code = dc.parent_code
                    where s.level = 'STREET' and s.path like '/11/110107/%'
                    order by s.code, sc.code""").param("copy", c).update();
            owner.sql("insert into bench_map (copy, src_code, src_len, dst_path, dst_code)"
                            + " select :copy, '110107', length(s.path), d.path, d.code from org_unit s, org_unit d"
                            + " where s.code = '110107' and d.code = :district")
                    .param("copy", c)
                    .param("district", district)
                    .update();
        }
    }

    /** One copy in one transaction, recorded in bench_copy with it. */
    private void copy(int c, int permille, Map<String, Long> strides) {
        StringBuilder script = new StringBuilder("begin;\nset local session_replication_role = replica;\n");
        for (String table : TABLES) {
            script.append(insert(table, c, permille, strides)).append(";\n");
        }
        script.append("insert into bench_copy (copy, permille, seconds) values (")
                .append(c)
                .append(", ")
                .append(permille)
                .append(", 0);\ncommit;");
        long started = System.nanoTime();
        owner.sql(script.toString()).update();
        owner.sql("update bench_copy set seconds = ? where copy = ?")
                .params((System.nanoTime() - started) / 1e9, c)
                .update();
    }

    private String insert(String table, int c, int permille, Map<String, Long> strides) {
        List<String> columns = owner.sql("select column_name from information_schema.columns where table_schema ="
                        + " 'public' and table_name = ? order by ordinal_position")
                .param(table)
                .query(String.class)
                .list();
        List<String> values = new ArrayList<>();
        List<String> joins = new ArrayList<>();
        for (String column : columns) {
            values.add(expression(table, column, c, strides, joins));
        }
        String where = "";
        if (permille < 1000) {
            if (table.equals("person")) {
                where = " where t.id % 1000 < " + permille;
            } else if (columns.contains("person_id")) {
                where = " where t.person_id % 1000 < " + permille;
            } else if (table.equals("service_record_history")) {
                where = " where exists (select 1 from service_record r where r.id = t.record_id"
                        + " and r.person_id % 1000 < " + permille + ")";
            }
        }
        boolean identity = owner.sql("select count(*) from information_schema.columns where table_schema = 'public'"
                                + " and table_name = ? and is_identity = 'YES'")
                        .param(table)
                        .query(Integer.class)
                        .single()
                > 0;
        String original = " where t." + (table.equals("person") ? "id" : firstOriginalColumn(table, columns)) + " < "
                + originalBound(table, columns, strides);
        where = where.isEmpty() ? original : where + " and" + original.substring(" where".length());
        return "insert into " + table + " (" + columns.stream().collect(Collectors.joining(", ")) + ")"
                + (identity ? " overriding system value" : "") + " select "
                + String.join(", ", values) + " from " + table + " t " + String.join(" ", joins) + where;
    }

    /** Only the original district's rows are copied: those with ids below the first stride. */
    private static String firstOriginalColumn(String table, List<String> columns) {
        if (columns.contains("id")) {
            return "id";
        }
        for (String column : columns) {
            if (REFERENCES.containsKey(column)) {
                return column;
            }
        }
        throw new IllegalStateException("No id column to tell the original rows of " + table);
    }

    private static long originalBound(String table, List<String> columns, Map<String, Long> strides) {
        String column = columns.contains("id") ? "id" : firstOriginalColumn(table, columns);
        String source = column.equals("id") ? table : REFERENCES.get(column);
        Long stride = strides.get(source);
        if (stride == null) {
            throw new IllegalStateException("No stride for " + source);
        }
        return stride;
    }

    private String expression(String table, String column, int c, Map<String, Long> strides, List<String> joins) {
        if (column.equals("id") && strides.containsKey(table)) {
            return "t.id + " + (long) c * strides.get(table);
        }
        if (REFERENCES.containsKey(column)) {
            return "t." + column + " + " + (long) c * strides.get(REFERENCES.get(column));
        }
        if (HASHES.contains(column)) {
            return "t." + column + " || '~" + c + "'";
        }
        if (table.equals("service_site") && column.equals("code")) {
            return "t.code || '-" + c + "'";
        }
        if (column.equals("org_path") || (table.equals("service_site") && column.equals("path"))) {
            String key = "coalesce(nullif(split_part(t." + column + ", '/', 5), ''), nullif(split_part(t." + column
                    + ", '/', 4), ''), split_part(t." + column + ", '/', 3))";
            joins.add("left join bench_map mp on mp.copy = " + c + " and mp.src_code = " + key);
            // a site's own segment below the community gets the copy's suffix, as the site's code does
            return "coalesce(mp.dst_path || regexp_replace(substr(t." + column + ", mp.src_len + 1), '^([^/]+)/',"
                    + " '\\1-" + c + "/'), t." + column + ")";
        }
        if (column.equals("community_code")) {
            joins.add("left join bench_map mc on mc.copy = " + c + " and mc.src_code = t.community_code");
            return "coalesce(mc.dst_code, t.community_code)";
        }
        return "t." + column;
    }

    private boolean hasColumn(String table, String column) {
        return owner.sql("select count(*) from information_schema.columns where table_schema = 'public' and"
                                + " table_name = ? and column_name = ?")
                        .params(table, column)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    /** Secondary indexes (not those backing a constraint) of the copied tables, kept and dropped. */
    private void dropIndexes() {
        owner.sql("""
                insert into bench_index (table_name, index_name, definition)
                select i.tablename, i.indexname, i.indexdef from pg_indexes i
                where i.schemaname = 'public' and i.tablename = any(:tables)
                  and not exists (select 1 from pg_constraint c where c.conname = i.indexname)
                on conflict do nothing""").param("tables", TABLES.toArray(String[]::new)).update();
        for (String name : owner.sql("select index_name from bench_index")
                .query(String.class)
                .list()) {
            owner.sql("drop index if exists " + name).update();
        }
    }

    /** Whether the registry's counting read model (migration V5_4) is present. */
    private boolean factTable() {
        return owner.sql("select to_regclass('residence_fact') is not null")
                .query(Boolean.class)
                .single();
    }

    private List<String> indexedTables() {
        List<String> tables = new ArrayList<>(TABLES);
        if (factTable()) {
            tables.add("residence_fact");
        }
        return tables;
    }

    private void rebuildIndexes() {
        List<Map.Entry<String, String>> indexes = owner.sql("select index_name, definition from bench_index")
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2)))
                .list();
        owner.sql("set maintenance_work_mem = '512MB'").update();
        for (Map.Entry<String, String> index : indexes) {
            long started = System.nanoTime();
            owner.sql(index.getValue().replaceFirst("INDEX ", "INDEX IF NOT EXISTS "))
                    .update();
            owner.sql("delete from bench_index where index_name = ?")
                    .param(index.getKey())
                    .update();
            log.accept(
                    String.format("index %s rebuilt in %.1f s", index.getKey(), (System.nanoTime() - started) / 1e9));
        }
    }

    private void resetIdentity(String table) {
        if (hasColumn(table, "id")) {
            owner.sql("select setval(pg_get_serial_sequence(?, 'id'), (select coalesce(max(id), 1) from " + table
                            + "))")
                    .param(table)
                    .query(Long.class)
                    .single();
        }
    }

    /** Size of the database and of each table with its indexes, largest first. */
    Map<String, Long> sizes() {
        Map<String, Long> sizes = new LinkedHashMap<>();
        sizes.put(
                "(database)",
                owner.sql("select pg_database_size(current_database())")
                        .query(Long.class)
                        .single());
        owner.sql("""
                select c.relname, pg_total_relation_size(c.oid) from pg_class c
                join pg_namespace n on n.oid = c.relnamespace
                where n.nspname = 'public' and c.relkind = 'r'
                order by 2 desc limit 12""")
                .query((rs, n) -> sizes.put(rs.getString(1), rs.getLong(2)))
                .list();
        return sizes;
    }

    /** Rows of the main tables. */
    Map<String, Long> rows() {
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String table :
                List.of("person", "residence_episode", "service_record", "service_site", "person_history")) {
            rows.put(
                    table,
                    owner.sql("select count(*) from " + table).query(Long.class).single());
        }
        return rows;
    }
}
