package org.liudong;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * The one database: an external PostgreSQL when {@code LIUDONG_DB_URL} is set, otherwise an embedded
 * PostgreSQL 17 whose files live under {@code <data-dir>/pg} and survive restarts. Flyway migrates as the
 * owner; the application's pool connects as {@code liudong.db.app-user} (default {@code liudong_app}), a
 * role without UPDATE or DELETE on the audit trail (migration V4_2). An empty app user keeps the owner.
 * Either way the server must be crash-safe ({@link DatabaseDurability}); an embedded cluster is created with
 * data checksums, and one orphaned by a killed application is stopped before a new one starts.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(
            @Value("${liudong.db.url:}") String url,
            @Value("${liudong.db.user:}") String user,
            @Value("${liudong.db.password:}") String password,
            @Value("${liudong.data-dir}") Path dataDir,
            @Value("${liudong.db.pool-size:10}") int poolSize,
            @Value("${liudong.db.app-user:liudong_app}") String appUser,
            @Value("${liudong.db.app-password:}") String appPassword,
            @Value("${liudong.db.durability-check:true}") boolean durabilityCheck)
            throws IOException {
        HikariConfig config = new HikariConfig();
        config.setPoolName("liudong");
        config.setMaximumPoolSize(poolSize);
        if (StringUtils.hasText(url)) {
            log.info("Using the external PostgreSQL at {}", url);
            config.setJdbcUrl(url);
            checkDurability(new Owner(url, user, password), durabilityCheck);
            connectAs(config, new Owner(url, user, password), appUser, appPassword);
            return new OwnerAwareDataSource(config, new Owner(url, user, password), null);
        }
        EmbeddedServer server = EmbeddedServer.start(dataDir.resolve("pg"));
        String jdbcUrl = server.postgres().getJdbcUrl("postgres", "postgres");
        config.setJdbcUrl(jdbcUrl);
        Owner owner = new Owner(jdbcUrl, "postgres", "");
        checkDurability(owner, durabilityCheck);
        connectAs(config, owner, appUser, appPassword);
        return new OwnerAwareDataSource(config, owner, server);
    }

    /** Flyway migrates as the owner of the schema, not as the application's role. */
    @Bean
    FlywayConfigurationCustomizer migrateAsOwner(HikariDataSource dataSource) {
        return configuration -> {
            if (dataSource instanceof OwnerAwareDataSource aware) {
                Owner owner = aware.owner();
                configuration.dataSource(owner.url(), owner.user(), owner.password());
            }
        };
    }

    /** The credentials that own the schema: used by Flyway only. */
    record Owner(String url, String user, String password) {}

    private static void connectAs(HikariConfig config, Owner owner, String appUser, String appPassword) {
        if (!StringUtils.hasText(appUser) || appUser.equals(owner.user())) {
            config.setUsername(owner.user());
            config.setPassword(owner.password());
            log.warn("The application connects as the schema owner: audit rows are protected by triggers only");
            return;
        }
        ensureRole(owner, appUser, appPassword);
        // a user named in the URL (as the embedded server's URLs do) would override the pool's user
        config.setJdbcUrl(
                config.getJdbcUrl().replaceAll("([?&])user=[^&]*&?", "$1").replaceAll("[?&]$", ""));
        config.setUsername(appUser);
        config.setPassword(appPassword);
    }

    /** Refuses a database that is not crash-safe; a switch only for throw-away test servers. */
    private static void checkDurability(Owner owner, boolean enabled) {
        if (!enabled) {
            log.warn("The database's durability settings are not checked (liudong.db.durability-check=false)");
            return;
        }
        try (Connection connection = DriverManager.getConnection(owner.url(), owner.user(), owner.password())) {
            DatabaseDurability.verify(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the database's durability settings", e);
        }
    }

    /** Creates the application's login role when the owner may create roles (embedded, tests); else the DBA does. */
    static void ensureRole(Owner owner, String role, String password) {
        if (!role.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalStateException("liudong.db.app-user must be a plain lower-case role name");
        }
        try (Connection connection = DriverManager.getConnection(owner.url(), owner.user(), owner.password());
                Statement statement = connection.createStatement()) {
            boolean exists;
            try (ResultSet rs = statement.executeQuery("select 1 from pg_roles where rolname = '" + role + "'")) {
                exists = rs.next();
            }
            boolean mayCreate;
            try (ResultSet rs = statement.executeQuery(
                    "select rolsuper or rolcreaterole from pg_roles where rolname = current_user")) {
                mayCreate = rs.next() && rs.getBoolean(1);
            }
            if (!exists && mayCreate) {
                String withPassword =
                        StringUtils.hasText(password) ? " password '" + password.replace("'", "''") + "'" : "";
                statement.execute("create role " + role + " login nosuperuser nocreatedb nocreaterole" + withPassword);
                log.info("Created the application's database role {}", role);
            } else if (!exists) {
                throw new IllegalStateException("The database role " + role
                        + " does not exist; create it (see docs/SECURITY.md) or set liudong.db.app-user empty");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prepare the application's database role", e);
        }
    }

    /** An embedded PostgreSQL kept in a directory of its own; stopped after the pool is closed. */
    record EmbeddedServer(EmbeddedPostgres postgres) {

        static EmbeddedServer start(Path directory) throws IOException {
            Files.createDirectories(directory);
            long started = System.nanoTime();
            EmbeddedBinaries.stopOrphan(directory);
            EmbeddedBinaries.initdbWithChecksums(directory);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(true)
                    .setServerConfig("listen_addresses", "localhost")
                    // the library starts postgres with -F (fsync off) and synchronous_commit off, fast for
                    // tests: a commit here must survive a crash
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("fsync", "on")
                    .setServerConfig("full_page_writes", "on")
                    // a district's person table and its indexes outgrow the default 128 MB of buffers, and a
                    // district-scale import would start a WAL-triggered checkpoint in its middle
                    .setServerConfig("shared_buffers", "512MB")
                    .setServerConfig("max_wal_size", "4GB")
                    // no replica reads this server's WAL and its backups are logical (operations.Backups): with the
                    // least WAL, a table or index written whole in the transaction that created or emptied it (a bulk
                    // load's rebuilt indexes, its emptied tables) is synced at commit instead of logged page by page;
                    // crash recovery is the same
                    .setServerConfig("wal_level", "minimal")
                    .setServerConfig("max_wal_senders", "0")
                    .setLocaleConfig("encoding", "UTF8")
                    .setLocaleConfig("locale", "C.UTF-8")
                    .start();
            log.info(
                    "Embedded PostgreSQL started on port {} with data in {} ({} ms)",
                    postgres.getPort(),
                    directory.toAbsolutePath(),
                    (System.nanoTime() - started) / 1_000_000);
            return new EmbeddedServer(postgres);
        }
    }

    /** The application's pool; knows the owner's credentials for Flyway and stops an embedded server on close. */
    static class OwnerAwareDataSource extends HikariDataSource {

        private final Owner owner;
        private final EmbeddedServer server;

        OwnerAwareDataSource(HikariConfig config, Owner owner, EmbeddedServer server) {
            super(config);
            this.owner = owner;
            this.server = server;
        }

        Owner owner() {
            return owner;
        }

        @Override
        public void close() {
            super.close();
            if (server == null) {
                return;
            }
            try {
                server.postgres().close();
            } catch (IOException e) {
                log.warn("Embedded PostgreSQL did not stop cleanly", e);
            }
        }
    }
}
