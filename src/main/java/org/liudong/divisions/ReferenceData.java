package org.liudong.divisions;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads the shipped reference data (divisions, holiday calendar) with {@code COPY} when a data set's files have
 * changed since it was last loaded, each data set in one transaction so that a failed load leaves the old rows.
 * It runs while the context starts, before {@link Divisions} and {@link WorkingDays}, which depend on it.
 */
@Component
@DependsOnDatabaseInitialization
class ReferenceData implements InitializingBean {

    static final String DIVISIONS = "divisions";
    static final String CALENDAR = "calendar";

    private static final Logger log = LoggerFactory.getLogger(ReferenceData.class);

    /** Part of every checksum; change it when the rows derived from unchanged files change, to force a reload. */
    private static final String DERIVATION_VERSION = "divisions-1";

    /** Serialises loads of several application instances starting at once against one database. */
    private static final long LOCK_KEY = 0x4c69756467L;

    private final List<Dataset> datasets = List.of(
            new Dataset(
                    DIVISIONS,
                    "division (code, name, level, county_type, parent_code, historical)",
                    "reference/divisions/",
                    DivisionFiles.NAMES,
                    DivisionFiles::rows),
            new Dataset(
                    CALENDAR,
                    "calendar_day (day, kind, name_zh, name_en)",
                    "reference/calendar/",
                    List.of("cn-public-holidays.csv"),
                    ReferenceData::calendarRows));

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final TransactionTemplate transactions;

    ReferenceData(JdbcClient jdbc, DataSource dataSource, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    @Override
    public void afterPropertiesSet() {
        load();
    }

    /** Loads every data set whose checksum differs from the one recorded; returns the names of those loaded. */
    List<String> load() {
        List<String> loaded = new ArrayList<>();
        for (Dataset dataset : datasets) {
            if (loadIfChanged(dataset)) {
                loaded.add(dataset.name());
            }
        }
        return loaded;
    }

    private boolean loadIfChanged(Dataset dataset) {
        Map<String, byte[]> files = dataset.read();
        String checksum = checksum(files);
        Boolean loaded = transactions.execute(status -> {
            jdbc.sql("select pg_advisory_xact_lock(:key)")
                    .param("key", LOCK_KEY)
                    .query(rs -> {});
            boolean unchanged = jdbc.sql("select checksum from reference_dataset where name = :name")
                    .param("name", dataset.name())
                    .query(String.class)
                    .optional()
                    .filter(checksum::equals)
                    .isPresent();
            if (unchanged) {
                return false;
            }
            List<List<String>> rows = dataset.rows().apply(files);
            jdbc.sql("delete from " + dataset.table()).update();
            copy(dataset.columns(), rows);
            jdbc.sql("""
                            insert into reference_dataset (name, checksum, rows, loaded_at)
                            values (:name, :checksum, :rows, now())
                            on conflict (name) do update
                               set checksum = excluded.checksum, rows = excluded.rows, loaded_at = excluded.loaded_at
                            """)
                    .param("name", dataset.name())
                    .param("checksum", checksum)
                    .param("rows", rows.size())
                    .update();
            log.info("Loaded {} rows of reference data set {}", rows.size(), dataset.name());
            return true;
        });
        return Boolean.TRUE.equals(loaded);
    }

    private void copy(String columns, List<List<String>> rows) {
        StringBuilder csv = new StringBuilder();
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) {
                    csv.append(',');
                }
                String value = row.get(i);
                if (value != null) {
                    csv.append('"').append(value.replace("\"", "\"\"")).append('"');
                }
            }
            csv.append('\n');
        }
        // An unquoted empty field is NULL in COPY's csv format; a quoted one is an empty string.
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            connection
                    .unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn("copy " + columns + " from stdin (format csv)", new StringReader(csv.toString()));
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Could not copy reference data into " + columns, e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private static List<List<String>> calendarRows(Map<String, byte[]> files) {
        return CsvFile.read("cn-public-holidays.csv", files.get("cn-public-holidays.csv")).stream()
                .map(r -> List.of(r.get("date"), r.get("kind"), r.get("name_zh"), r.get("name_en")))
                .toList();
    }

    private static String checksum(Map<String, byte[]> files) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(DERIVATION_VERSION.getBytes(StandardCharsets.UTF_8));
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                sha256.update(file.getKey().getBytes(StandardCharsets.UTF_8));
                sha256.update(file.getValue());
            }
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One data set: the table it fills, the files it comes from, and how their rows are derived. */
    private record Dataset(
            String name,
            String columns,
            String folder,
            List<String> files,
            Function<Map<String, byte[]>, List<List<String>>> rows) {

        String table() {
            return columns.substring(0, columns.indexOf(' '));
        }

        Map<String, byte[]> read() {
            Map<String, byte[]> content = new LinkedHashMap<>();
            for (String file : files) {
                try (InputStream in = new ClassPathResource(folder + file).getInputStream()) {
                    content.put(file, in.readAllBytes());
                } catch (IOException e) {
                    throw new UncheckedIOException("Missing reference data file " + folder + file, e);
                }
            }
            return content;
        }
    }
}
