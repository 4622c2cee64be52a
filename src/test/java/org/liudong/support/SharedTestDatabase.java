package org.liudong.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Starts one embedded PostgreSQL for the whole test run and points every Spring context at it, with a
 * fresh data folder under {@code target/}. Registered for all Spring Boot tests in {@code spring.factories}.
 */
public class SharedTestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final Path DATA_DIR = Path.of("target", "test-data");

    private static EmbeddedPostgres postgres;

    static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            try {
                deleteRecursively(DATA_DIR);
                Files.createDirectories(DATA_DIR);
                var builder = EmbeddedPostgres.builder();
                if (Boolean.getBoolean("liudong.test-durable")) {
                    // benchmarks (-Pbench) measure a crash-safe server, as the application's embedded one; tests
                    // keep the library's fsync and synchronous_commit off, for speed
                    builder.setServerConfig("fsync", "on")
                            .setServerConfig("synchronous_commit", "on")
                            .setServerConfig("full_page_writes", "on");
                }
                String preload = System.getProperty("liudong.test-pg-preload", "");
                if (!preload.isBlank()) { // e.g. pg_stat_statements, to profile a benchmark
                    builder.setServerConfig("shared_preload_libraries", preload);
                }
                postgres = builder
                        // as the application's embedded server (DatabaseConfiguration)
                        .setServerConfig("shared_buffers", "512MB")
                        .setServerConfig("max_wal_size", "4GB")
                        .setServerConfig("wal_level", "minimal")
                        .setServerConfig("max_wal_senders", "0")
                        .setLocaleConfig("encoding", "UTF8")
                        .setLocaleConfig("locale", "C.UTF-8")
                        .setLocaleConfig("locale-provider", "builtin")
                        .setLocaleConfig("builtin-locale", "C.UTF-8")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return postgres;
    }

    public static String jdbcUrl() {
        return postgres().getJdbcUrl("postgres", "postgres");
    }

    /** The JDBC address of another database on the shared test server. */
    public static String jdbcUrl(String database) {
        return jdbcUrl().replace("/postgres?", "/" + database + "?");
    }

    /**
     * A new, empty database of that name on the shared test server (one left by an earlier run is dropped), for
     * a test that starts an application of its own; answers its JDBC address.
     */
    public static String freshDatabase(String name) {
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(jdbcUrl());
                java.sql.Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + name);
            statement.execute("create database " + name);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Database " + name + " not created", e);
        }
        return jdbcUrl(name);
    }

    /**
     * The data folder of a benchmark dataset ({@code -Dbench.data-dir=/work/citydata/city}): when set, Spring
     * contexts open that folder's own embedded PostgreSQL (kept between runs) instead of the shared test one.
     */
    public static String benchDataDir() {
        String dir = System.getProperty("bench.data-dir", "");
        return dir.isBlank() ? null : Path.of(dir).toAbsolutePath().toString();
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        if (benchDataDir() != null) {
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource(
                            "bench-database", Map.of("liudong.db.url", "", "liudong.data-dir", benchDataDir())));
            addTestLimits(context);
            return;
        }
        context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "shared-test-database",
                        Map.of(
                                "liudong.db.url",
                                jdbcUrl(),
                                "liudong.db.user",
                                "postgres",
                                "liudong.db.password",
                                "",
                                "liudong.data-dir",
                                DATA_DIR.toAbsolutePath().toString())));
        addTestLimits(context);
    }

    private static void addTestLimits(ConfigurableApplicationContext context) {
        // every test calls from 127.0.0.1: limits per source address would make tests block each other, so
        // they are raised here (below the tests' own properties) and tested on their own instances
        context.getEnvironment()
                .getPropertySources()
                .addLast(new MapPropertySource(
                        "test-limits",
                        Map.of(
                                "liudong.security.lockout.address-failures", "100000",
                                "liudong.security.rate-limit.login-per-minute", "100000",
                                "liudong.security.rate-limit.api-per-minute", "100000",
                                // the shared test server trades durability for speed (the library's fsync and
                                // synchronous_commit off); the check itself is tested in DurabilityTests
                                "liudong.db.durability-check", "false")));
    }

    /** A client connected as the schema owner (not the application's role), for what the application may not do. */
    public static JdbcClient owner() {
        return JdbcClient.create(new DriverManagerDataSource(jdbcUrl(), "postgres", ""));
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
