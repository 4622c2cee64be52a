package org.liudong.registry;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.liudong.eligibility.Classification;
import org.liudong.eligibility.ClassificationInput;
import org.liudong.eligibility.Decree555;
import org.liudong.org.OrgLevel;
import org.liudong.org.OrgUnit;
import org.liudong.org.OrgUnits;
import org.liudong.registry.RegistryEvents.PersonsImported;
import org.liudong.security.FieldEncryption;
import org.liudong.shared.CopyText;
import org.liudong.shared.CurrentScope;
import org.liudong.shared.InvalidFields;
import org.liudong.shared.InvalidFields.Violation;
import org.liudong.shared.OrgPath;
import org.liudong.shared.ScopedUser;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.postgresql.copy.PGCopyOutputStream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Bulk changes to the ledger for imports and the demo district: rows are checked one by one with the form's
 * rules, written sealed (encrypted, hashed, classified) to a staging table by {@code COPY} while the next rows are
 * read (from an upload, or from the demo's generator), and applied in the same transaction with set-based SQL: new
 * ID numbers become persons, known ones are compared and changed only where they differ, each with a history entry.
 * A failure anywhere rolls everything back.
 */
@Service
public class LedgerImport {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(LedgerImport.class);

    private static final int COLUMNS = 45;

    /** PostgreSQL's memory for an import's sorts and hashes, in MB. */
    private static final long WORK_MEMORY_MB = 128;

    /** The most the sort of the new persons' staged rows may take (a larger file's sort goes to disk). */
    private static final long SORT_MEMORY_MAX_MB = 512;

    /** A staged row {@code s} whose ID number the ledger does not know yet (a merged record does not count). */
    private static final String NEW_PERSON = """
            not exists (select 1 from person p
                        where p.id_number_hash = s.id_number_hash and p.status <> 'MERGED')""";

    private final PersonValidation validation;
    private final Decree555 decree555;
    private final OrgUnits orgUnits;
    private final FieldEncryption encryption;
    private final PersonHistory history;
    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final BulkLoad bulkLoad;
    /** How many rows a first load writes to the ledger's tables together (see {@link FirstLoad}). */
    private final int firstLoadChunk;

    LedgerImport(
            PersonValidation validation,
            Decree555 decree555,
            OrgUnits orgUnits,
            FieldEncryption encryption,
            PersonHistory history,
            JdbcClient jdbc,
            DataSource dataSource,
            TransactionTemplate tx,
            ApplicationEventPublisher events,
            Clock clock,
            BulkLoad bulkLoad,
            @Value("${liudong.import.first-load-chunk:" + FirstLoad.CHUNK + "}") int firstLoadChunk) {
        this.validation = validation;
        this.decree555 = decree555;
        this.orgUnits = orgUnits;
        this.encryption = encryption;
        this.history = history;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.tx = tx;
        this.events = events;
        this.clock = clock;
        this.bulkLoad = bulkLoad;
        this.firstLoadChunk = firstLoadChunk;
    }

    /** A row that failed: its number in the file and every reason. */
    public record RowError(int rowNumber, List<Violation> violations) {}

    /** What applying a staged file did (or, for a dry run, would do). */
    public record Outcome(int registered, int updated, int unchanged, List<RowError> conflicts) {}

    /**
     * A row checked and sealed for staging: its errors, or (when there are none) its line in
     * PostgreSQL's {@code COPY} text format. In a {@link FirstLoad} the row is the person's fields after its id in the
     * binary format instead, and the row's residence episode, its counting fact, children and part in the rollup come
     * with it.
     */
    public record Sealed(
            List<Violation> violations,
            String line,
            byte[] person,
            byte[] episode,
            byte[] fact,
            String children,
            RollupTally.Fact counted) {

        Sealed(List<Violation> violations, String line) {
            this(violations, line, null, null, null, null, null);
        }

        public boolean valid() {
            return line != null || person != null;
        }
    }

    /**
     * Staged rows being written to the staging table (or, in a first load, the person table) by {@code COPY}: one
     * sealed line per valid row. {@link #write} is for the transaction's thread, in row order; {@link #seal} runs on
     * other threads, several at once (it may read the org tree, and the transaction's connection is busy with the
     * copy).
     */
    public final class Stage implements AutoCloseable {

        private final BufferedWriter out;
        private final ScopedUser user;
        private final LocalDate classifyOn;
        private final Map<String, Optional<OrgUnit>> communities = new ConcurrentHashMap<>();
        private final LongAdder sealing = new LongAdder();
        private final FirstLoad firstLoad;
        private int rows;

        /** Stages to {@code target} as text, or (with {@code firstLoad}, and no target) through the first load. */
        private Stage(OutputStream target, ScopedUser user, LocalDate classifyOn, FirstLoad firstLoad) {
            this.out = firstLoad == null
                    ? new BufferedWriter(new OutputStreamWriter(target, StandardCharsets.UTF_8), 1 << 16)
                    : null;
            this.user = user;
            this.classifyOn = classifyOn;
            this.firstLoad = firstLoad;
        }

        /**
         * Checks a row with the form's rules, classifies it and seals it (encrypts and hashes) without
         * writing it; safe to call from several threads, and not from the transaction's. {@code movedOut} closes the
         * episode at once (used by the demo for people who left).
         */
        public Sealed seal(int rowNumber, PersonInput input, LocalDate movedOut) {
            PersonValidation.Valid valid;
            try {
                valid = validation.validate(input, true);
            } catch (InvalidFields e) {
                return new Sealed(e.violations(), null);
            }
            Residence residence = valid.residence();
            OrgUnit community = communities
                    .computeIfAbsent(
                            residence.communityCode(),
                            code -> orgUnits.find(code).filter(unit -> unit.level() == OrgLevel.COMMUNITY))
                    .orElse(null);
            if (community == null) {
                return new Sealed(
                        List.of(new Violation(
                                "residence.communityCode",
                                "UNKNOWN_CODE",
                                "社区代码" + residence.communityCode() + "不是本系统中的社区")),
                        null);
            }
            if (!user.scope().contains(community.path())) {
                return new Sealed(
                        List.of(new Violation(
                                "residence.communityCode", "OUT_OF_SCOPE", "社区" + community.name() + "不在您的管辖范围内")),
                        null);
            }
            PersonDetails details = valid.details();
            Classification classification = decree555.classify(new ClassificationInput(
                    details.householdCode(),
                    community.code().substring(0, 6),
                    residence.purpose(),
                    residence.expectsReturn(),
                    details.birthDate(),
                    details.sex(),
                    classifyOn));
            long begun = System.nanoTime();
            Object[] values = values(rowNumber, details, residence, community.path(), classification, movedOut);
            Sealed sealed = firstLoad == null ? new Sealed(List.of(), line(values)) : firstLoad.sealed(values);
            sealing.add(System.nanoTime() - begun);
            return sealed;
        }

        /** Writes a row sealed by {@link #seal}. */
        public void write(Sealed sealed) {
            try {
                if (firstLoad == null) {
                    out.write(sealed.line());
                } else {
                    firstLoad.write(sealed);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            rows++;
        }

        public int rows() {
            return rows;
        }

        /** Time spent encrypting, hashing and formatting staged lines, summed over threads. */
        public long sealingNanos() {
            return sealing.sum();
        }

        /** A row's 45 values in the staging table's layout. */
        private Object[] values(
                int rowNumber, PersonDetails d, Residence r, OrgPath path, Classification c, LocalDate movedOut) {
            var spouseId = d.spouse().idNumber();
            var cert = d.certificate();
            String id = d.idNumber().value();
            return new Object[] {
                rowNumber,
                encryption.encrypt(id),
                encryption.keyedHash(id),
                d.idNumber().masked(),
                d.name(),
                d.sex(),
                d.birthDate(),
                d.ethnicity(),
                d.education(),
                d.maritalStatus(),
                d.householdType(),
                d.householdCode(),
                d.householdAddress(),
                encryption.encrypt(d.phone()),
                d.employer(),
                d.occupation(),
                d.spouse().name(),
                spouseId == null ? null : encryption.encrypt(spouseId.value()),
                spouseId == null ? null : encryption.keyedHash(spouseId.value()),
                d.spouse().householdCode(),
                d.contraceptionCode(),
                d.contraceptionSince(),
                d.pregnancyStatus(),
                cert.number(),
                cert.issuer(),
                cert.issuedOn(),
                cert.validUntil(),
                cert.checkedOn(),
                cert.checkedBy(),
                c.category().name(),
                c.article(),
                c.reason(),
                classifyOn,
                path.value(),
                r.communityCode(),
                r.siteId(),
                r.address(),
                r.housingType(),
                r.movedIn(),
                r.purpose().name(),
                r.expectsReturn(),
                movedOut,
                movedOut == null ? "ACTIVE" : "MOVED_OUT",
                childrenText(d.children()),
                encryption.keyedHash(Changes.canonical(d))
            };
        }

        /** The staging table's line of a row's values. */
        private static String line(Object[] values) {
            return CopyText.appendLine(new StringBuilder(768), values).toString();
        }

        @Override
        public void close() throws IOException {
            if (out != null) {
                out.close();
            }
        }
    }

    /** The reading of an import, run inside the transaction that applies it; answers rows to leave out after all. */
    @FunctionalInterface
    public interface Staging {
        Collection<Integer> stage(Stage stage) throws IOException;
    }

    /**
     * Stages rows straight into the transaction that applies them: {@code staging} reads and checks the rows and
     * writes them to a {@link Stage} whose lines go to PostgreSQL by {@code COPY} while the next rows are still
     * being read. Then the rows are applied with set-based SQL in the same transaction. A failure while reading
     * cancels the copy and rolls everything back; with {@code dryRun} the transaction is rolled back at the end.
     * Rows are classified as of today.
     *
     * <p>A real import into a ledger that holds no person at all takes the path of a {@link FirstLoad} instead,
     * unless {@code rowsMayBeLeftOut} (asked only then) says the staging may answer rows to leave out after they were
     * written.
     */
    public Outcome stageAndApply(boolean dryRun, String jobRef, BooleanSupplier rowsMayBeLeftOut, Staging staging)
            throws IOException {
        return stageAndApply(dryRun, jobRef, rowsMayBeLeftOut, LocalDate.now(clock), staging);
    }

    /** As {@link #stageAndApply(boolean, String, BooleanSupplier, Staging)}, the rows classified as of {@code classifyOn}. */
    public Outcome stageAndApply(
            boolean dryRun, String jobRef, BooleanSupplier rowsMayBeLeftOut, LocalDate classifyOn, Staging staging)
            throws IOException {
        ScopedUser user = PersonalData.requireWriter();
        try {
            return inTransaction(dryRun, () -> {
                setWorkMemory();
                Optional<BulkLoad.Dropped> firstLoad =
                        dryRun ? Optional.empty() : bulkLoad.beginFirstLoad(rowsMayBeLeftOut);
                if (firstLoad.isPresent()) {
                    return firstLoad(firstLoad.get(), staging, user, jobRef, classifyOn);
                }
                createStage();
                Streamed streamed = streamRows(staging, "copy import_stage from stdin", user, classifyOn);
                return applyStaged(streamed.skipRows(), user, jobRef, dryRun, streamed.lastRow(), System.nanoTime());
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * A district's first load: the rows go straight into the ledger's tables in chunks while they are read, then the
     * dropped indexes are built again (see {@link FirstLoad}).
     */
    private Outcome firstLoad(
            BulkLoad.Dropped dropped, Staging staging, ScopedUser user, String jobRef, LocalDate classifyOn) {
        long started = System.nanoTime();
        long firstId = jdbc.sql("select nextval(pg_get_serial_sequence('person', 'id'))")
                .query(Long.class)
                .single();
        // the rollup's today, as its trigger would have read it in this transaction
        LocalDate today = jdbc.sql("select (current_timestamp at time zone 'Asia/Shanghai')::date")
                .query(LocalDate.class)
                .single();
        // the rows below refer to the persons by the numbers they are written with, so their checks are the writer's;
        // so are the rollup's deltas of the episodes' counting facts, counted as they are written
        jdbc.sql("select first_load_by_writer(true)").query(String.class).single();
        // when the persons were registered, as their rows and history say
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Connection connection = DataSourceUtils.getConnection(dataSource);
        FirstLoad load = null;
        try {
            load = new FirstLoad(
                    firstId,
                    at,
                    user.username(),
                    new RollupTally(today),
                    firstLoadChunk,
                    firstLoadTables(connection.unwrap(PGConnection.class), at, user.username()));
            Collection<Integer> skipRows = staging.stage(new Stage(null, user, classifyOn, load));
            if (!skipRows.isEmpty()) {
                // the staging promised not to; the persons are written, so the transaction must not commit
                throw new IllegalStateException("First load: rows to leave out after they were written");
            }
            RollupTally rollup = load.rollup();
            CompletableFuture<String> rollupRows = rollup.usable() ? CompletableFuture.supplyAsync(rollup::text) : null;
            load.finish();
            long read = System.nanoTime();
            long lastId = firstId + load.written() - 1;
            if (load.written() > 0) {
                jdbc.sql("select bulk_load_person_ids_taken()")
                        .query(Long.class)
                        .single();
            }
            jdbc.sql("select first_load_written(?, ?)")
                    .param(firstId)
                    .param(lastId)
                    .query(String.class)
                    .single();
            if (rollupRows != null) {
                copyIn(RollupTally.COPY, new StringReader(rollupRows.join()));
            } else {
                // a value beyond what the tally's keys hold: the rollup's own statement counts the facts written
                String deltas = jdbc.sql("select ledger_rollup_insert_sql(?)")
                        .param("select r.*, 1 as sign from residence_fact r where r.person_id between " + firstId
                                + " and " + lastId)
                        .query(String.class)
                        .single();
                jdbc.sql(deltas).update();
            }
            long checked = System.nanoTime();
            dropped.rebuild();
            log.info(
                    "Import {} applied as a first load: {} persons with their episodes, counting facts, children and"
                            + " history written while read in {} ms; then the checks and the rollup's deltas {} ms,"
                            + " indexes {} ms",
                    jobRef,
                    load.written(),
                    (read - started) / 1_000_000,
                    (checked - read) / 1_000_000,
                    (System.nanoTime() - checked) / 1_000_000);
            long[] ids = load.ids();
            events.publishEvent(new PersonsImported(
                    jobRef, ids, 0, user.username(), user.scope().value(), load.at()));
            return new Outcome(ids.length, 0, 0, List.of());
        } catch (IOException e) {
            cancel(load);
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            cancel(load);
            throw new IllegalStateException("Staging the import failed", e);
        } catch (RuntimeException | Error e) {
            cancel(load);
            throw e;
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private static void cancel(FirstLoad load) {
        if (load != null) {
            load.cancel();
        }
    }

    /** The transaction's connection as a first load writes to it. */
    private FirstLoad.Tables firstLoadTables(PGConnection connection, Instant at, String actor) {
        return new FirstLoad.Tables() {
            @Override
            public PGCopyOutputStream persons() throws SQLException {
                return new PGCopyOutputStream(connection, FirstLoad.COPY_PERSONS, 1 << 16);
            }

            @Override
            public void copy(String copy, byte[] rows, int length) throws SQLException {
                CopyIn in = connection.getCopyAPI().copyIn(copy);
                try {
                    in.writeToCopy(rows, 0, length);
                    in.endCopy();
                } finally {
                    if (in.isActive()) {
                        in.cancelCopy();
                    }
                }
            }

            @Override
            public void history(long first, long last) {
                jdbc.sql("""
                                insert into person_history (person_id, version, at, actor, action, changes)
                                select id, 0, :at, :actor, 'IMPORTED', '[]' from generate_series(:first, :last) id""")
                        .param("at", java.sql.Timestamp.from(at))
                        .param("actor", actor)
                        .param("first", first)
                        .param("last", last)
                        .update();
            }
        };
    }

    /** What a streamed staging answered, and when its last row was written (the copy's end is logged from there). */
    private record Streamed(Collection<Integer> skipRows, long lastRow) {}

    private Streamed streamRows(Staging staging, String copySql, ScopedUser user, LocalDate classifyOn) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        PGCopyOutputStream copy = null;
        try {
            copy = new PGCopyOutputStream(connection.unwrap(PGConnection.class), copySql, 1 << 16);
            Stage stage = new Stage(copy, user, classifyOn, null);
            Collection<Integer> skipRows = staging.stage(stage);
            long lastRow = System.nanoTime();
            stage.close();
            return new Streamed(skipRows, lastRow);
        } catch (IOException e) {
            cancel(copy);
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            cancel(copy);
            throw new IllegalStateException("Staging the import failed", e);
        } catch (RuntimeException | Error e) {
            cancel(copy);
            throw e;
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** Ends a copy left open by a failure, so that the transaction can roll back on its connection. */
    static void cancel(PGCopyOutputStream copy) {
        if (copy != null && copy.isActive()) {
            try {
                copy.cancelCopy();
            } catch (SQLException e) {
                log.warn("Could not cancel the copy of a failed import", e);
            }
        }
    }

    /** Runs an apply in one transaction; a dry run rolls it back and still answers what it did. */
    private Outcome inTransaction(boolean dryRun, java.util.function.Supplier<Outcome> apply) {
        return tx.execute(status -> {
            Outcome result = apply.get();
            if (dryRun) {
                status.setRollbackOnly();
            }
            return result;
        });
    }

    /** Sorts and hashes of the transaction (its staging table, the counting rollups) stay off the disk. */
    private void setWorkMemory() {
        jdbc.sql("set local work_mem = '" + WORK_MEMORY_MB + "MB'").update();
    }

    /** The staging table of the current transaction, dropped at its end. */
    private void createStage() {
        // PostgreSQL fixes a session's temporary buffers at its first temporary table: on a pooled connection that
        // has already used one at another size the setting is refused, and the import goes on with those buffers
        jdbc.sql("""
                        do $$ begin perform set_config('temp_buffers', '256MB', true);
                        exception when invalid_parameter_value then null; end $$""").update();
        jdbc.sql("""
                        create temp table import_stage (
                            row_number int, id_number_enc text, id_number_hash text, id_number_masked text, name text,
                            sex char(1), birth_date date, ethnicity text, education text, marital_status text,
                            household_type text, household_code text, household_address text, phone_enc text,
                            employer text, occupation text, spouse_name text, spouse_id_enc text, spouse_id_hash text,
                            spouse_household_code text, contraception_code text, contraception_since date,
                            pregnancy_status text, cert_number text, cert_issuer text, cert_issued_on date,
                            cert_valid_until date, cert_checked_on date, cert_checked_by text, category text,
                            category_article text, category_reason text, classified_on date, org_path text,
                            community_code text, site_id bigint, address text, housing_type text, moved_in date,
                            reason text, expects_return boolean, moved_out date, status text, children text,
                            content_hash text
                        ) on commit drop""").update();
    }

    /**
     * Applies the rows in the staging table, leaving out {@code skipRows}; {@code started} and {@code copied} are
     * for the log. A real import that brings many new persons to a small ledger takes the {@link BulkLoad} path.
     */
    private Outcome applyStaged(
            Collection<Integer> skipRows, ScopedUser user, String jobRef, boolean dryRun, long started, long copied) {
        Instant now = clock.instant();
        if (!skipRows.isEmpty()) {
            jdbc.sql("delete from import_stage where row_number in (:rows)")
                    .param("rows", skipRows)
                    .update();
        }
        List<RowError> conflicts = new ArrayList<>();
        // the same person twice in one file: the first row wins, the others are reported
        jdbc.sql("""
                        delete from import_stage s using (
                            select row_number, row_number() over (partition by id_number_hash order by row_number) n
                            from import_stage) d
                        where s.row_number = d.row_number and d.n > 1
                        returning s.row_number""")
                .query(Integer.class)
                .list()
                .forEach(row -> conflicts.add(
                        new RowError(row, List.of(new Violation("idNumber", "DUPLICATE_IN_FILE", "身份证号码与文件中前面的行重复")))));
        // the joins and filters below use only these two columns; statistics of all 45 took 0.8 s of 212,000 rows
        jdbc.sql("analyze import_stage (row_number, id_number_hash)").update();
        // known persons outside the importer's scope are conflicts, not changes
        jdbc.sql("""
                        delete from import_stage s using person p
                        where p.id_number_hash = s.id_number_hash and p.status <> 'MERGED'
                          and p.org_path not like :scope
                        returning s.row_number, p.id""")
                .param("scope", user.scope().value() + "%")
                .query((rs, n) -> new RowError(
                        rs.getInt(1),
                        List.of(new Violation(
                                "idNumber",
                                "REGISTERED_ELSEWHERE",
                                "此人已由其他辖区登记（人员编号 " + rs.getLong(2) + "），请联系该辖区办理迁入"))))
                .list()
                .forEach(conflicts::add);
        long checked = System.nanoTime();
        Optional<BulkLoad.Dropped> bulk = dryRun
                ? Optional.empty()
                : bulkLoad.begin(
                        jdbc.sql("select count(*) from import_stage")
                                .query(Long.class)
                                .single(),
                        () -> jdbc.sql("select count(*) from import_stage s where " + NEW_PERSON)
                                .query(Long.class)
                                .single());
        long[] registeredIds = insertNew(user, now);
        bulk.ifPresent(BulkLoad.Dropped::rebuild);
        long inserted = System.nanoTime();
        int[] updatedUnchanged = updateKnown(user, now);
        log.info(
                "Import {} applied: copy to staging {} ms, checks {} ms, new persons {} ms, known persons {} ms",
                jobRef,
                (copied - started) / 1_000_000,
                (checked - copied) / 1_000_000,
                (inserted - checked) / 1_000_000,
                (System.nanoTime() - inserted) / 1_000_000);
        events.publishEvent(new PersonsImported(
                jobRef,
                registeredIds,
                updatedUnchanged[0],
                user.username(),
                user.scope().value(),
                now));
        conflicts.sort(java.util.Comparator.comparingInt(RowError::rowNumber));
        return new Outcome(registeredIds.length, updatedUnchanged[0], updatedUnchanged[1], conflicts);
    }

    /**
     * Registers the staged rows whose ID numbers are new. The new persons' ids are kept in a table of their
     * own (with statistics), so that episodes, children and history rows are joined to them by hash joins,
     * never by scanning a CTE once per row.
     */
    private long[] insertNew(ScopedUser user, Instant now) {
        var ts = java.sql.Timestamp.from(now);
        long begun = System.nanoTime();
        jdbc.sql("create temp table import_new (person_id bigint, id_number_hash text) on commit drop")
                .update();
        // persons are numbered in file order, so the insert sorts whole staged rows: given room for all of them the
        // sort stays off the disk (with 128 MB a demo district's 212,000 rows spilled 160 MB to it, about 1 s)
        long stageMb = jdbc.sql("select pg_relation_size('import_stage') / 1048576")
                .query(Long.class)
                .single();
        jdbc.sql("set local work_mem = '" + Math.min(SORT_MEMORY_MAX_MB, Math.max(WORK_MEMORY_MB, stageMb * 3 / 2))
                        + "MB'")
                .update();
        jdbc.sql("""
                        with inserted as (
                            insert into person (id_number_enc, id_number_hash, id_number_masked, name, sex, birth_date,
                                ethnicity, education, marital_status, household_type, household_code, household_address,
                                phone_enc, employer, occupation, spouse_name, spouse_id_enc, spouse_id_hash,
                                spouse_household_code, contraception_code, contraception_since, pregnancy_status,
                                cert_number, cert_issuer, cert_issued_on, cert_valid_until, cert_checked_on,
                                cert_checked_by, category, category_article, category_reason, classified_on, status,
                                org_path, community_code, created_at, created_by, updated_at, updated_by, version, content_hash)
                            select id_number_enc, id_number_hash, id_number_masked, name, sex, birth_date, ethnicity,
                                education, marital_status, household_type, household_code, household_address, phone_enc,
                                employer, occupation, spouse_name, spouse_id_enc, spouse_id_hash, spouse_household_code,
                                contraception_code, contraception_since, pregnancy_status, cert_number, cert_issuer,
                                cert_issued_on, cert_valid_until, cert_checked_on, cert_checked_by, category,
                                category_article, category_reason, classified_on, status, org_path, community_code,
                                :at, :actor, :at, :actor, 0, content_hash
                            from import_stage s
                            where %s
                            order by row_number
                            returning id, id_number_hash
                        )
                        insert into import_new (person_id, id_number_hash) select id, id_number_hash from inserted""".formatted(NEW_PERSON))
                .param("at", ts)
                .param("actor", user.username())
                .update();
        jdbc.sql("set local work_mem = '" + WORK_MEMORY_MB + "MB'").update();
        jdbc.sql("analyze import_new").update();
        long personsDone = System.nanoTime();
        jdbc.sql("""
                        insert into residence_episode (person_id, seq, community_code, site_id, org_path, address,
                            housing_type, moved_in, moved_out, reason, expects_return, end_kind)
                        select n.person_id, 0, s.community_code, s.site_id, s.org_path, s.address, s.housing_type,
                               s.moved_in, s.moved_out, s.reason, s.expects_return,
                               case when s.moved_out is null then null else 'MOVED_OUT' end
                        from import_new n join import_stage s on s.id_number_hash = n.id_number_hash
                        order by n.person_id""").update();
        long episodesDone = System.nanoTime();
        insertChildren("import_new n join import_stage s on s.id_number_hash = n.id_number_hash", "true");
        jdbc.sql("""
                        insert into person_history (person_id, version, at, actor, action, changes)
                        select person_id, 0, :at, :actor, 'IMPORTED', '[]' from import_new order by person_id""").param("at", ts).param("actor", user.username()).update();
        log.info(
                "New persons: persons {} ms, residence episodes (with their counting facts) {} ms, children and history {} ms",
                (personsDone - begun) / 1_000_000,
                (episodesDone - personsDone) / 1_000_000,
                (System.nanoTime() - episodesDone) / 1_000_000);
        return jdbc.sql("select person_id from import_new order by person_id").query(Long.class).list().stream()
                .mapToLong(Long::longValue)
                .toArray();
    }

    /** How many changed rows are compared at once (two rows of 45 values each in memory per row). */
    private static final int COMPARED_AT_ONCE = 5_000;

    /**
     * The person's record in the staging table's layout (row number first, residence columns empty), so that the
     * record before and the row after are read into details the same way.
     */
    private static final String PERSON_AS_STAGED = """
            s.row_number, p.id_number_enc, p.id_number_hash, p.id_number_masked, p.name, p.sex, p.birth_date,
            p.ethnicity, p.education, p.marital_status, p.household_type, p.household_code, p.household_address,
            p.phone_enc, p.employer, p.occupation, p.spouse_name, p.spouse_id_enc, p.spouse_id_hash,
            p.spouse_household_code, p.contraception_code, p.contraception_since, p.pregnancy_status, p.cert_number,
            p.cert_issuer, p.cert_issued_on, p.cert_valid_until, p.cert_checked_on, p.cert_checked_by, p.category,
            p.category_article, p.category_reason, p.classified_on, p.org_path, p.community_code, null, null, null,
            null, null, null, null, p.status,
            (select string_agg(c.birth_date || '|' || c.sex || '|' || c.child_order, ';' order by c.seq)
             from person_child c where c.person_id = p.id),
            p.content_hash""";

    /**
     * Compares rows of known persons with their records and applies the differences set-based; answers {updated,
     * unchanged}. Rows whose fingerprint matches are unchanged without being read. The others are read through a
     * cursor in chunks, beside the record as it is (locked until the end of the transaction), and compared field
     * by field with the form's rules; each chunk's outcome (the history entry's changes, or none) goes by
     * {@code COPY} to a table from which the persons, their children and their history are then written by one
     * statement each, as the form would write them, without rewriting the residence episodes.
     */
    private int[] updateKnown(ScopedUser user, Instant now) {
        var at = java.sql.Timestamp.from(now);
        // one join counts the unchanged rows and collects the keys of the differing ones (two narrow columns: a
        // join that carried whole staged rows would spill to disk on large files); a file of unchanged rows ends here
        jdbc.sql("create temp table import_differing (row_number int, person_id bigint) on commit drop")
                .update();
        int[] known = jdbc.sql("""
                        with known as (
                            select s.row_number, p.id, coalesce(p.content_hash = s.content_hash, false) as same
                            from import_stage s
                            join person p on p.id_number_hash = s.id_number_hash and p.status <> 'MERGED'
                            where p.created_at <> :at),
                        differing as (
                            insert into import_differing select row_number, id from known where not same returning 1)
                        select (select count(*) from known where same), (select count(*) from differing)""")
                .param("at", at)
                .query((rs, n) -> new int[] {rs.getInt(1), rs.getInt(2)})
                .single();
        int same = known[0];
        if (known[1] == 0) {
            return new int[] {0, same};
        }
        long begun = System.nanoTime();
        jdbc.sql("""
                        create temp table import_changed (person_id bigint, version int, row_number int, changes jsonb)
                        on commit drop""").update();
        jdbc.sql("analyze import_differing").update();
        // a cursor is planned for its first rows by default (index lookups per row); this one is read to the end.
        // Its rows are locked in the order of the persons' ids, so two imports changing the same persons wait for
        // each other instead of deadlocking; a record changed meanwhile is read as it is once locked.
        jdbc.sql("set local cursor_tuple_fraction = 1").update();
        jdbc.sql("declare import_known no scroll cursor for select p.id, p.version, " + PERSON_AS_STAGED + """
                        , s.* from import_differing d
                        join person p on p.id = d.person_id
                        join import_stage s on s.row_number = d.row_number
                        where p.status <> 'MERGED'
                        order by p.id
                        for update of p""")
                .update();
        int updated = 0;
        int unchanged = same;
        while (true) {
            StringBuilder outcome = new StringBuilder();
            int[] counted = {0, 0};
            jdbc.sql("fetch forward " + COMPARED_AT_ONCE + " from import_known")
                    .query((org.springframework.jdbc.core.RowCallbackHandler) rs -> {
                        List<FieldChange> changes =
                                Changes.between(detailsOf(row(rs, 3)), detailsOf(row(rs, 3 + COLUMNS)));
                        outcome.append(rs.getLong(1))
                                .append('\t')
                                .append(rs.getInt(2))
                                .append('\t')
                                .append(rs.getInt(3))
                                .append('\t');
                        CopyText.append(outcome, changes.isEmpty() ? null : history.json(changes));
                        outcome.append('\n');
                        counted[changes.isEmpty() ? 1 : 0]++;
                    });
            if (counted[0] + counted[1] == 0) {
                break;
            }
            updated += counted[0];
            unchanged += counted[1];
            copyIn("copy import_changed from stdin", new java.io.StringReader(outcome.toString()));
        }
        jdbc.sql("close import_known").update();
        long compared = System.nanoTime();
        // rows that compared equal despite their fingerprint (one of an earlier form) only take the new fingerprint;
        // with none of them and no changed row there is nothing to write
        boolean refingerprinted = unchanged > same;
        if (updated == 0 && !refingerprinted) {
            return new int[] {updated, unchanged};
        }
        // with its statistics the writes below look their persons up by id instead of scanning the whole table
        jdbc.sql("analyze import_changed").update();
        if (refingerprinted) {
            jdbc.sql("""
                            update person p set content_hash = s.content_hash
                            from import_changed c join import_stage s on s.row_number = c.row_number
                            where p.id = c.person_id and c.changes is null""").update();
        }
        if (updated == 0) {
            return new int[] {updated, unchanged};
        }
        int written =
                jdbc.sql("""
                        update person p set id_number_enc = s.id_number_enc, id_number_hash = s.id_number_hash,
                            id_number_masked = s.id_number_masked, content_hash = s.content_hash, name = s.name,
                            sex = s.sex, birth_date = s.birth_date, ethnicity = s.ethnicity, education = s.education,
                            marital_status = s.marital_status, household_type = s.household_type,
                            household_code = s.household_code, household_address = s.household_address,
                            phone_enc = s.phone_enc, employer = s.employer, occupation = s.occupation,
                            spouse_name = s.spouse_name, spouse_id_enc = s.spouse_id_enc,
                            spouse_id_hash = s.spouse_id_hash, spouse_household_code = s.spouse_household_code,
                            contraception_code = s.contraception_code, contraception_since = s.contraception_since,
                            pregnancy_status = s.pregnancy_status, cert_number = s.cert_number,
                            cert_issuer = s.cert_issuer, cert_issued_on = s.cert_issued_on,
                            cert_valid_until = s.cert_valid_until, cert_checked_on = s.cert_checked_on,
                            cert_checked_by = s.cert_checked_by, category = s.category,
                            category_article = s.category_article, category_reason = s.category_reason,
                            classified_on = s.classified_on, updated_at = :at, updated_by = :actor,
                            version = c.version + 1
                        from import_changed c join import_stage s on s.row_number = c.row_number
                        where p.id = c.person_id and p.version = c.version and c.changes is not null""").param("at", at).param("actor", user.username()).update();
        if (written != updated) {
            // the records were locked when read, so this is a fault, not a concurrent change
            throw new IllegalStateException("Import: " + updated + " changed persons, " + written + " written");
        }
        jdbc.sql("""
                        delete from person_child where person_id in (
                            select person_id from import_changed where changes is not null)""").update();
        insertChildren("import_changed n join import_stage s on s.row_number = n.row_number", "n.changes is not null");
        jdbc.sql("""
                        insert into person_history (person_id, version, at, actor, action, changes)
                        select person_id, version + 1, :at, :actor, 'IMPORTED_UPDATE', changes from import_changed
                        where changes is not null order by person_id""").param("at", at).param("actor", user.username()).update();
        log.info(
                "Known persons: {} read, locked and compared in {} ms, {} written with their children and history in {} ms",
                known[1],
                (compared - begun) / 1_000_000,
                updated,
                (System.nanoTime() - compared) / 1_000_000);
        return new int[] {updated, unchanged};
    }

    /**
     * Writes the children of staged rows ({@code "date|sex|order;…"}) for the persons of {@code persons}, a from
     * clause that joins a table {@code n} with a {@code person_id} to the staging table {@code s}, where
     * {@code condition} holds.
     */
    private void insertChildren(String persons, String condition) {
        jdbc.sql("""
                        insert into person_child (person_id, seq, birth_date, sex, child_order)
                        select n.person_id, c.ordinality - 1, split_part(c.item, '|', 1)::date,
                               split_part(c.item, '|', 2), split_part(c.item, '|', 3)::int
                        from %s,
                             unnest(string_to_array(nullif(s.children, ''), ';')) with ordinality as c(item, ordinality)
                        where s.children <> '' and %s""".formatted(persons, condition)).update();
    }

    /** A staged row's 45 values as text, read from a result set from a column on. */
    private static String[] row(java.sql.ResultSet rs, int from) throws SQLException {
        String[] row = new String[COLUMNS];
        for (int i = 0; i < COLUMNS; i++) {
            row[i] = rs.getString(from + i);
        }
        return row;
    }

    private PersonDetails detailsOf(String[] r) {
        String spouseId = r[17] == null ? null : encryption.decrypt(r[17]);
        return new PersonDetails(
                r[4],
                new org.liudong.shared.IdNumber(encryption.decrypt(r[1])),
                r[7],
                r[8],
                r[9],
                r[10],
                r[11],
                r[12],
                encryption.decrypt(r[13]),
                r[14],
                r[15],
                new PersonDetails.Spouse(
                        r[16], spouseId == null ? null : new org.liudong.shared.IdNumber(spouseId), r[19]),
                childrenOf(r[43]),
                r[20],
                date(r[21]),
                r[22],
                new PersonDetails.Certificate(r[23], r[24], date(r[25]), date(r[26]), date(r[27]), r[28]));
    }

    private static LocalDate date(String text) {
        return text == null ? null : LocalDate.parse(text);
    }

    private static List<PersonDetails.Child> childrenOf(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        List<PersonDetails.Child> children = new ArrayList<>();
        for (String item : text.split(";")) {
            String[] parts = item.split("\\|");
            children.add(new PersonDetails.Child(LocalDate.parse(parts[0]), parts[1], Integer.parseInt(parts[2])));
        }
        return children;
    }

    private static String childrenText(List<PersonDetails.Child> children) {
        return String.join(
                ";",
                children.stream()
                        .map(c -> c.birthDate() + "|" + c.sex() + "|" + c.childOrder())
                        .toList());
    }

    /** Copies rows in PostgreSQL's text format into a table on the transaction's connection. */
    private void copyIn(String copy, Reader rows) {
        copy(copy, copier -> copier.copyIn(copy, rows));
    }

    /** A {@code COPY … FROM STDIN} fed by one of the driver's copy calls. */
    private interface CopyCall {
        long feed(CopyManager copier) throws SQLException, IOException;
    }

    private void copy(String copy, CopyCall call) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            call.feed(connection.unwrap(PGConnection.class).getCopyAPI());
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Copying import rows failed: " + copy, e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** Whether a user may import (the same roles that edit the ledger). */
    public static boolean mayImport() {
        return CurrentScope.user().map(PersonalData::canWrite).orElse(false);
    }
}
