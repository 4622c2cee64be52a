package org.liudong;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * The one database: an external PostgreSQL when {@code LIUDONG_DB_URL} is set, otherwise an embedded
 * PostgreSQL 17 whose files live under {@code <data-dir>/pg} and survive restarts.
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
            @Value("${liudong.db.pool-size:10}") int poolSize)
            throws IOException {
        HikariConfig config = new HikariConfig();
        config.setPoolName("liudong");
        config.setMaximumPoolSize(poolSize);
        if (StringUtils.hasText(url)) {
            log.info("Using the external PostgreSQL at {}", url);
            config.setJdbcUrl(url);
            config.setUsername(user);
            config.setPassword(password);
            return new HikariDataSource(config);
        }
        EmbeddedServer server = EmbeddedServer.start(dataDir.resolve("pg"));
        config.setJdbcUrl(server.postgres().getJdbcUrl("postgres", "postgres"));
        config.setUsername("postgres");
        return new EmbeddedBackedDataSource(config, server);
    }

    /** An embedded PostgreSQL kept in a directory of its own; stopped after the pool is closed. */
    record EmbeddedServer(EmbeddedPostgres postgres) {

        static EmbeddedServer start(Path directory) throws IOException {
            Files.createDirectories(directory);
            long started = System.nanoTime();
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(true)
                    .setServerConfig("listen_addresses", "localhost")
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

    /** A pool that also stops its embedded server when Spring closes it. */
    static class EmbeddedBackedDataSource extends HikariDataSource {

        private final EmbeddedServer server;

        EmbeddedBackedDataSource(HikariConfig config, EmbeddedServer server) {
            super(config);
            this.server = server;
        }

        @Override
        public void close() {
            super.close();
            try {
                server.postgres().close();
            } catch (IOException e) {
                log.warn("Embedded PostgreSQL did not stop cleanly", e);
            }
        }
    }
}
