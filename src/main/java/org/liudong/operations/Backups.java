package org.liudong.operations;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Logical backup and verified restore with PostgreSQL's {@code COPY} (the embedded binaries carry no
 * {@code pg_dump}): every table in one consistent snapshot, gzip-compressed, plus a manifest of row counts and
 * content hashes and the data folder's key files; a restore loads everything in one transaction into a schema
 * built by the same migrations and commits only when every table's count and hash equal the manifest's.
 */
public final class Backups {

    /** The data folder's files that the database is useless without: field keys, exchange node keys. */
    static final List<String> KEY_FOLDERS = List.of("keys", "exchange");

    private Backups() {}

    /** What a backup or restore did, for the command's output. */
    public record Summary(int tables, long rows, long bytes, long millis, Path dir) {}

    /** Writes a backup of the database reached by {@code owner} and the key files of {@code dataDir} into {@code to}. */
    public static Summary backup(Connection owner, Path dataDir, Path to) throws SQLException, IOException {
        long started = System.nanoTime();
        if (Files.exists(to.resolve(Manifest.FILE))) {
            throw new IllegalArgumentException(to + " already holds a backup; choose an empty folder");
        }
        Files.createDirectories(to.resolve("tables"));
        owner.setAutoCommit(false);
        try (Statement statement = owner.createStatement()) {
            // one snapshot for every table and its digest
            statement.execute("set transaction isolation level repeatable read, read only");
            TableDigest.fixSettings(owner);
            CopyManager copy = owner.unwrap(PGConnection.class).getCopyAPI();
            Map<String, TableDigest> digests = new LinkedHashMap<>();
            long rows = 0;
            for (String table : TableDigest.tables(owner)) {
                try (OutputStream out = gzipOut(to.resolve("tables").resolve(table + ".copy.gz"))) {
                    copy.copyOut("copy " + TableDigest.quote(table) + " to stdout", out);
                }
                TableDigest digest = TableDigest.of(owner, table);
                digests.put(table, digest);
                rows += digest.rows();
            }
            Map<String, Manifest.Sequence> sequences = sequences(owner);
            List<String> migrations = migrations(owner);
            owner.commit();
            List<String> files = copyKeyFiles(dataDir, to.resolve("files"));
            new Manifest(Instant.now(), migrations, digests, sequences, files).write(to);
            return new Summary(digests.size(), rows, size(to), (System.nanoTime() - started) / 1_000_000, to);
        } catch (SQLException | IOException | RuntimeException e) {
            owner.rollback();
            throw e;
        }
    }

    /** The migrations of a schema, as "version checksum", sorted: a restore needs the same set. */
    static List<String> migrations(Connection connection) throws SQLException {
        List<String> migrations = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(
                        "select version, checksum from flyway_schema_history where success and version is not null")) {
            while (rs.next()) {
                migrations.add(rs.getString(1) + " " + rs.getString(2));
            }
        }
        migrations.sort(null);
        return migrations;
    }

    private static Map<String, Manifest.Sequence> sequences(Connection connection) throws SQLException {
        Map<String, Manifest.Sequence> sequences = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("""
                        select s.relname, (pg_sequence_last_value(s.oid) is not null),
                               coalesce(pg_sequence_last_value(s.oid), seq.seqstart)
                        from pg_class s join pg_namespace n on n.oid = s.relnamespace
                        join pg_sequence seq on seq.seqrelid = s.oid
                        where s.relkind = 'S' and n.nspname = 'public' order by s.relname""")) {
            while (rs.next()) {
                sequences.put(rs.getString(1), new Manifest.Sequence(rs.getString(1), rs.getLong(3), rs.getBoolean(2)));
            }
        }
        return sequences;
    }

    /**
     * Restores the backup in {@code from} into the database reached by {@code owner}. {@code jarMigrations} are
     * the migrations this build would apply (as "version checksum"), and {@code migrate} applies them to an
     * empty schema. Refuses, changing nothing, when the backup is incomplete, was made by another schema
     * version, the database already holds tables (unless {@code replace}), or the data folder holds other keys.
     */
    public static Summary restore(
            Connection owner, Path from, Path dataDir, boolean replace, List<String> jarMigrations, Runnable migrate)
            throws SQLException, IOException {
        long started = System.nanoTime();
        Manifest manifest = Manifest.read(from);
        for (String table : manifest.tables().keySet()) {
            if (!Files.exists(tableFile(from, table))) {
                throw new IllegalArgumentException("The backup lacks the data of table " + table);
            }
        }
        List<String> wanted = new ArrayList<>(jarMigrations);
        wanted.sort(null);
        if (!wanted.equals(manifest.migrations())) {
            List<String> onlyBackup = new ArrayList<>(manifest.migrations());
            onlyBackup.removeAll(wanted);
            List<String> onlyJar = new ArrayList<>(wanted);
            onlyJar.removeAll(manifest.migrations());
            throw new IllegalArgumentException("The backup was made by another version of Liudong (migrations only in"
                    + " the backup: " + onlyBackup + "; only in this version: " + onlyJar + "). Restore it with the"
                    + " version that made it; that version's next start upgrades it.");
        }
        checkKeyFiles(manifest, from.resolve("files"), dataDir);
        owner.setAutoCommit(true);
        List<String> existing = TableDigest.tables(owner);
        existing.remove("flyway_schema_history");
        if (!existing.isEmpty() && !replace) {
            throw new IllegalArgumentException("The database already holds " + existing.size() + " tables (e.g. "
                    + existing.get(0) + "). Restore into an empty database, or pass --replace to drop them first.");
        }
        try (Statement statement = owner.createStatement()) {
            if (!existing.isEmpty() || hasTable(owner, "flyway_schema_history")) {
                statement.execute("drop schema public cascade");
                statement.execute("create schema public");
                statement.execute("grant usage on schema public to public");
            }
        }
        migrate.run();
        owner.setAutoCommit(false);
        long rows = 0;
        try (Statement statement = owner.createStatement()) {
            statement.execute("set local session_replication_role = replica");
            TableDigest.fixSettings(owner);
            List<String> present = TableDigest.tables(owner);
            if (!present.equals(new ArrayList<>(manifest.tables().keySet()))) {
                throw new IllegalStateException("The migrated schema's tables differ from the backup's: " + present);
            }
            // rows that migrations seed are replaced by the backup's
            statement.execute("truncate "
                    + String.join(", ", present.stream().map(TableDigest::quote).toList()));
            CopyManager copy = owner.unwrap(PGConnection.class).getCopyAPI();
            for (String table : present) {
                try (InputStream in = gzipIn(tableFile(from, table))) {
                    copy.copyIn("copy " + TableDigest.quote(table) + " from stdin", in);
                }
            }
            for (Manifest.Sequence sequence : manifest.sequences().values()) {
                try (PreparedStatement setval = owner.prepareStatement("select setval(?::regclass, ?, ?)")) {
                    setval.setString(1, TableDigest.quote(sequence.name()));
                    setval.setLong(2, sequence.value());
                    setval.setBoolean(3, sequence.called());
                    setval.execute();
                }
            }
            List<String> differences = new ArrayList<>();
            for (TableDigest expected : manifest.tables().values()) {
                TableDigest actual = TableDigest.of(owner, expected.table());
                if (!actual.equals(expected)) {
                    differences.add(expected.table() + " (backup " + expected.rows() + " rows, hash " + expected.hash()
                            + "; restored " + actual.rows() + " rows, hash " + actual.hash() + ")");
                }
                rows += actual.rows();
            }
            if (!differences.isEmpty()) {
                throw new IllegalStateException("The restored tables differ from the backup: " + differences);
            }
            try (PreparedStatement record = owner.prepareStatement(
                    "insert into operations_restore (backup_created, tables, row_count) values (?, ?, ?)")) {
                record.setTimestamp(1, Timestamp.from(manifest.created()));
                record.setInt(2, manifest.tables().size());
                record.setLong(3, rows);
                record.execute();
            }
            owner.commit();
        } catch (SQLException | IOException | RuntimeException e) {
            owner.rollback();
            throw e;
        } finally {
            owner.setAutoCommit(true);
        }
        restoreKeyFiles(manifest, from.resolve("files"), dataDir);
        return new Summary(
                manifest.tables().size(), rows, size(from), (System.nanoTime() - started) / 1_000_000, dataDir);
    }

    /** Row counts and hashes of the database now, to compare with a backup's manifest. */
    public static Map<String, TableDigest> digests(Connection connection) throws SQLException {
        Map<String, TableDigest> digests = new LinkedHashMap<>();
        boolean auto = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            try (Statement statement = connection.createStatement()) {
                statement.execute("set transaction isolation level repeatable read, read only");
            }
            TableDigest.fixSettings(connection);
            for (String table : TableDigest.tables(connection)) {
                digests.put(table, TableDigest.of(connection, table));
            }
            connection.commit();
        } finally {
            connection.setAutoCommit(auto);
        }
        return digests;
    }

    private static boolean hasTable(Connection connection, String table) throws SQLException {
        try (PreparedStatement statement =
                connection.prepareStatement("select 1 from pg_tables where schemaname = 'public' and tablename = ?")) {
            statement.setString(1, table);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static Path tableFile(Path dir, String table) {
        return dir.resolve("tables").resolve(table + ".copy.gz");
    }

    private static List<String> copyKeyFiles(Path dataDir, Path to) throws IOException {
        List<String> copied = new ArrayList<>();
        for (String folder : KEY_FOLDERS) {
            Path source = dataDir.resolve(folder);
            if (!Files.isDirectory(source)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(source)) {
                for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                    String relative = dataDir.relativize(file).toString().replace('\\', '/');
                    Path target = to.resolve(relative);
                    Files.createDirectories(target.getParent());
                    Files.copy(file, target);
                    copied.add(relative);
                }
            }
        }
        return copied;
    }

    private static void checkKeyFiles(Manifest manifest, Path files, Path dataDir) throws IOException {
        for (String relative : manifest.files()) {
            Path existing = dataDir.resolve(relative);
            if (Files.exists(existing)
                    && !Arrays.equals(Files.readAllBytes(existing), Files.readAllBytes(files.resolve(relative)))) {
                throw new IllegalArgumentException("The data folder holds another " + relative + " than the backup:"
                        + " the restored records could not be read with it. Restore into a new data folder, or move"
                        + " that file away if it belongs to no data you keep.");
            }
        }
    }

    private static void restoreKeyFiles(Manifest manifest, Path files, Path dataDir) throws IOException {
        for (String relative : manifest.files()) {
            Path target = dataDir.resolve(relative);
            if (!Files.exists(target)) {
                Files.createDirectories(target.getParent());
                Files.copy(files.resolve(relative), target);
            }
        }
    }

    private static long size(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .mapToLong(p -> {
                        try {
                            return Files.size(p);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static OutputStream gzipOut(Path file) throws IOException {
        return new BufferedOutputStream(
                new GZIPOutputStream(Files.newOutputStream(file), 1 << 16) {
                    {
                        def.setLevel(1);
                    }
                },
                1 << 16);
    }

    private static InputStream gzipIn(Path file) throws IOException {
        return new BufferedInputStream(new GZIPInputStream(Files.newInputStream(file), 1 << 16), 1 << 16);
    }
}
