package org.liudong;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.liudong.operations.Backups;
import org.springframework.util.StringUtils;

/**
 * {@code java -jar liudong.jar backup --to DIR} and {@code restore --from DIR [--replace]}: run without the
 * web application, against the database the server would use ({@code LIUDONG_DB_URL}, or the embedded one in
 * the data folder, which must then not be in use by a running server). Exit code 0 on success, 2 on a refusal
 * or failure, with the reason on standard error.
 */
final class OperationsCommand {

    static final List<String> COMMANDS = List.of("backup", "restore");

    private OperationsCommand() {}

    /** Without Spring Boot's logging set-up Logback would log everything at DEBUG: warnings only, from main. */
    static void quietLogging() {
        var root = org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (root instanceof ch.qos.logback.classic.Logger logback) {
            logback.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    static boolean handles(String[] args) {
        return args.length > 0 && COMMANDS.contains(args[0]);
    }

    static int run(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(args[0] + ": " + e.getMessage());
            return 2;
        }
        try {
            return switch (args[0]) {
                case "backup" -> backup(options);
                case "restore" -> restore(options);
                default -> throw new IllegalArgumentException("Unknown command " + args[0]);
            };
        } catch (Exception e) {
            System.err.println(args[0] + ": FAILED: " + e.getMessage());
            return 2;
        }
    }

    private static int backup(Options options) throws Exception {
        Path to = Path.of(options.require("to")).toAbsolutePath();
        try (Database database = Database.open(options);
                Connection owner = database.connect()) {
            Backups.Summary done = Backups.backup(owner, options.dataDir(), to);
            System.out.printf(
                    Locale.ROOT,
                    "backup: %d tables, %d rows, %.1f MB in %s (%.1f s); the folder holds the data folder's keys:"
                            + " keep it as safe as the database%n",
                    done.tables(),
                    done.rows(),
                    done.bytes() / 1e6,
                    to,
                    done.millis() / 1000.0);
        }
        return 0;
    }

    private static int restore(Options options) throws Exception {
        Path from = Path.of(options.require("from")).toAbsolutePath();
        try (Database database = Database.open(options);
                Connection owner = database.connect()) {
            DatabaseConfiguration.ensureRole(database.owner(), "liudong_app", options.value("liudong.db.app-password"));
            Flyway flyway = Flyway.configure()
                    .dataSource(
                            database.owner().url(),
                            database.owner().user(),
                            database.owner().password())
                    .locations("classpath:db/migration")
                    .outOfOrder(true)
                    .load();
            List<String> migrations = new ArrayList<>();
            for (MigrationInfo info : flyway.info().all()) {
                if (info.getVersion() != null) {
                    migrations.add(info.getVersion() + " " + info.getChecksum());
                }
            }
            Backups.Summary done = Backups.restore(
                    owner, from, options.dataDir(), options.flag("replace"), migrations, flyway::migrate);
            System.out.printf(
                    Locale.ROOT,
                    "restore: %d tables, %d rows from %s, row counts and content hashes verified (%.1f s);"
                            + " the next start publishes RestoredFromBackup for the exchange's resend%n",
                    done.tables(),
                    done.rows(),
                    from,
                    done.millis() / 1000.0);
        }
        return 0;
    }

    /** {@code --name value}, {@code --name=value} and {@code --flag}; environment variables as the server reads them. */
    record Options(java.util.Map<String, String> values) {

        static Options parse(String[] args) {
            java.util.Map<String, String> values = new java.util.HashMap<>();
            for (int i = 1; i < args.length; i++) {
                String arg = args[i];
                if (!arg.startsWith("--")) {
                    throw new IllegalArgumentException("Unexpected argument " + arg);
                }
                String name = arg.substring(2);
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    values.put(name.substring(0, eq), name.substring(eq + 1));
                } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                    values.put(name, args[++i]);
                } else {
                    values.put(name, "true");
                }
            }
            return new Options(values);
        }

        String value(String property) {
            String given = values.get(property);
            if (given != null) {
                return given;
            }
            String env = System.getenv(
                    property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
            return env != null ? env : System.getProperty(property, "");
        }

        String require(String name) {
            String value = values.get(name);
            if (!StringUtils.hasText(value) || value.equals("true")) {
                throw new IllegalArgumentException("--" + name + " DIR is required");
            }
            return value;
        }

        boolean flag(String name) {
            return values.containsKey(name);
        }

        Path dataDir() {
            String dir = value("liudong.data-dir");
            return Path.of(StringUtils.hasText(dir) ? dir : "./data").toAbsolutePath();
        }
    }

    /** The owner's connection: the external server, or the embedded one started on the data folder. */
    record Database(DatabaseConfiguration.Owner owner, DatabaseConfiguration.EmbeddedServer embedded)
            implements AutoCloseable {

        static Database open(Options options) throws Exception {
            String url = options.value("liudong.db.url");
            if (StringUtils.hasText(url)) {
                return new Database(
                        new DatabaseConfiguration.Owner(
                                url, options.value("liudong.db.user"), options.value("liudong.db.password")),
                        null);
            }
            DatabaseConfiguration.EmbeddedServer server;
            try {
                server = DatabaseConfiguration.EmbeddedServer.start(
                        options.dataDir().resolve("pg"));
            } catch (IllegalStateException e) {
                throw new IllegalStateException("The embedded database in " + options.dataDir()
                        + " is in use: stop the server first (" + e.getMessage() + ")");
            }
            String jdbcUrl = server.postgres().getJdbcUrl("postgres", "postgres");
            return new Database(new DatabaseConfiguration.Owner(jdbcUrl, "postgres", ""), server);
        }

        Connection connect() throws Exception {
            return DriverManager.getConnection(owner.url(), owner.user(), owner.password());
        }

        @Override
        public void close() throws Exception {
            if (embedded != null) {
                embedded.postgres().close();
            }
        }
    }
}
