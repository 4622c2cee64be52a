package org.liudong;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liudong.support.BenchmarkReport;
import org.postgresql.PGConnection;

/**
 * Backup and restore of the demo district (about 212,000 persons with residences, services and sites), each as
 * the command an operator runs, against a baseline in the same run: a bare {@code COPY} of every table to nowhere.
 */
@Tag("bench")
class BackupBenchmark {

    @TempDir
    Path work;

    @Test
    void backupAndRestoreOfTheDemoDistrict() throws Exception {
        Path data = work.resolve("data");
        try (ServerProcess server = new ServerProcess(data)) {
            server.start("--demo");
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
            while (!server.consoleText().contains("Demo district ready")) {
                assertThat(System.nanoTime())
                        .as("the demo district within 15 minutes")
                        .isLessThan(deadline);
                Thread.sleep(2000);
            }
            server.stop();
        }

        double baseline = bareCopySeconds(data);
        Path backup = work.resolve("backup");
        long started = System.nanoTime();
        String backupOut = command("backup", "--to", backup.toString(), "--liudong.data-dir=" + data);
        double backupSeconds = (System.nanoTime() - started) / 1e9;

        Path restored = work.resolve("restored");
        started = System.nanoTime();
        String restoreOut = command("restore", "--from", backup.toString(), "--liudong.data-dir=" + restored);
        double restoreSeconds = (System.nanoTime() - started) / 1e9;
        assertThat(restoreOut).contains("verified");

        long persons;
        var embedded = DatabaseConfiguration.EmbeddedServer.start(restored.resolve("pg"));
        try (Connection connection =
                        DriverManager.getConnection(embedded.postgres().getJdbcUrl("postgres", "postgres"));
                var rs = connection.createStatement().executeQuery("select count(*) from person")) {
            rs.next();
            persons = rs.getLong(1);
        } finally {
            embedded.postgres().close();
        }
        BenchmarkReport.section(
                "Backup and restore of the demo district",
                String.format(
                        Locale.ROOT,
                        """
                        Measured by `./mvnw -Pbench verify -Dtest=BackupBenchmark` on 2 cores (shared with other builds;
                        load average %.1f at the end), Java %s, %s: the demo district (`--demo`, %,d persons) built in a
                        fresh data folder, the server stopped, then each command run once as an operator runs it
                        (a JVM of its own, 512 MB heap, embedded PostgreSQL started and stopped by the command).

                        | what | time | ÷ baseline |
                        |---|---|---|
                        | baseline: bare `COPY` of every table to nowhere (server already running) | %.1f s | 1 |
                        | `backup --to DIR` (snapshot, gzip, per-table count and hash, keys) | %.1f s | %.1f |
                        | `restore --from DIR` into an empty data folder (initdb, migrations, load, verify) | %.1f s | %.1f |

                        Backup: `%s`. Restore: `%s`. Target: under 2 minutes each.
                        """,
                        load(),
                        System.getProperty("java.version"),
                        java.time.LocalDate.now(),
                        persons,
                        baseline,
                        backupSeconds,
                        backupSeconds / baseline,
                        restoreSeconds,
                        restoreSeconds / baseline,
                        lastLine(backupOut),
                        lastLine(restoreOut)));
    }

    private static double bareCopySeconds(Path data) throws Exception {
        var embedded = DatabaseConfiguration.EmbeddedServer.start(data.resolve("pg"));
        try (Connection connection =
                DriverManager.getConnection(embedded.postgres().getJdbcUrl("postgres", "postgres"))) {
            List<String> tables = new ArrayList<>();
            try (var rs = connection
                    .createStatement()
                    .executeQuery("select tablename from pg_tables where schemaname = 'public'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            long started = System.nanoTime();
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            for (String table : tables) {
                copy.copyOut("copy \"" + table + "\" to stdout", OutputStream.nullOutputStream());
            }
            return (System.nanoTime() - started) / 1e9;
        } finally {
            embedded.postgres().close();
        }
    }

    private String command(String... args) throws Exception {
        Path out = work.resolve(args[0] + ".out");
        Process process = new ProcessBuilder(ServerProcess.java("512m", args))
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
        String text = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(text).isZero();
        return text;
    }

    private static String lastLine(String text) {
        try (Stream<String> lines = text.lines()) {
            return lines.filter(l -> l.startsWith("backup:") || l.startsWith("restore:"))
                    .reduce((a, b) -> b)
                    .orElse("")
                    .replace('`', '\'');
        }
    }

    private static double load() throws Exception {
        return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    }
}
