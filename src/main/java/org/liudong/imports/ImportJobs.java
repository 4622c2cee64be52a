package org.liudong.imports;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.liudong.registry.LedgerImport;
import org.liudong.shared.ClusterJobs;
import org.liudong.shared.CurrentScope;
import org.liudong.shared.InvalidInput;
import org.liudong.shared.NotFound;
import org.liudong.shared.Refusal;
import org.liudong.shared.ScopedUser;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;

/**
 * Import jobs: an upload is kept in the data folder and read in the background by one worker thread, which
 * reports progress in the job row; the ledger changes only in the job's final transaction. Jobs that were
 * running when the server stopped are marked failed on the next start; the ledger is as before them.
 */
@Service
public class ImportJobs implements DisposableBean {

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final ImportRun run;
    private final MeterRegistry meters;
    private final ClusterJobs jobs;
    private final Path folder;
    private final long maxBytes;
    private final ExecutorService worker = ClusterJobs.worker("ledger-import");

    ImportJobs(
            JdbcClient jdbc,
            ImportRun run,
            Clock clock,
            @Value("${liudong.data-dir}") Path dataDir,
            @Value("${liudong.imports.max-file-size:50MB}") DataSize maxSize,
            MeterRegistry meters,
            ClusterJobs jobs,
            PlatformTransactionManager transactions) {
        this.jobs = jobs;
        this.ownTransaction = new TransactionTemplate(transactions);
        ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.jdbc = jdbc;
        this.run = run;
        this.meters = meters;
        for (String outcome : new String[] {"valid", "invalid", "applied"}) {
            meters.counter("liudong.import.rows", "outcome", outcome);
        }
        this.folder = dataDir.resolve("imports");
        this.maxBytes = maxSize.toBytes();
    }

    /** Accepts an upload and queues its job; refuses files over the size limit or of unknown type up front. */
    public ImportJob start(String fileName, long size, InputStream content, boolean dryRun) {
        ScopedUser user = CurrentScope.requireUser();
        if (!LedgerImport.mayImport()) {
            throw new AccessDeniedException("This role does not change the ledger");
        }
        String name = fileName == null ? "" : Path.of(fileName).getFileName().toString();
        String format = SheetFiles.format(name);
        if (size > maxBytes) {
            throw new InvalidInput("file", org.liudong.shared.Refusal.of("importTooLarge", maxBytes / 1024 / 1024));
        }
        if (size == 0) {
            throw new InvalidInput("file", org.liudong.shared.Refusal.of("importEmpty"));
        }
        long id = jdbc.sql("""
                        insert into import_job (owner, scope_path, file_name, format, dry_run, status)
                        values (?, ?, ?, ?, ?, 'QUEUED') returning id""")
                .params(user.username(), user.scope().value(), name, format, dryRun)
                .query(Long.class)
                .single();
        Path upload = upload(id, format);
        try {
            Files.createDirectories(upload.getParent());
            Files.copy(content, upload, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        worker.submit(() -> runHere(id, upload, format, dryRun));
        return get(id);
    }

    /**
     * Runs a queued job holding its cluster lock, so that another server's start does not take it for
     * interrupted; a job that such a start already marked failed (it was queued, not yet running) is left so.
     * The job is RUNNING from the moment its worker takes it: its page said 排队中 until the first 2,000 rows were
     * read, seconds into the reading of a large file.
     */
    private void runHere(long id, Path upload, String format, boolean dryRun) {
        jobs.runExclusively("import-" + id, () -> {
            int taken = jdbc.sql("update import_job set status = 'RUNNING' where id = ? and status = 'QUEUED'")
                    .param(id)
                    .update();
            if (taken == 1) {
                run.execute(id, upload, format, dryRun, this);
            }
        });
    }

    /** A job of the signed-in user. */
    public ImportJob get(long id) {
        String owner = CurrentScope.requireUser().username();
        return find(id).filter(job -> job.owner().equals(owner))
                .orElseThrow(() -> new NotFound("import-not-found", "No import job " + id + " of yours"));
    }

    /** The signed-in user's jobs, newest first. */
    public List<ImportJob> mine() {
        return jdbc.sql(SELECT + " where owner = ? order by id desc limit 50")
                .param(CurrentScope.requireUser().username())
                .query(ImportJobs::map)
                .list();
    }

    /** The error report of a job of the signed-in user, if it has one. */
    public Optional<Path> errorReport(long id) {
        ImportJob job = get(id);
        Path file = errors(job.id());
        return job.hasErrors() && Files.exists(file) ? Optional.of(file) : Optional.empty();
    }

    Path errors(long id) {
        return folder.resolve(String.valueOf(id)).resolve("errors.xlsx");
    }

    private Path upload(long id, String format) {
        return folder.resolve(String.valueOf(id)).resolve("upload." + format.toLowerCase(Locale.ROOT));
    }

    /**
     * Records progress (and, when not null, what the job is doing) in a transaction of its own: it is called
     * while the import's transaction is open (and its connection busy copying rows), and the page must see it
     * before that transaction ends.
     */
    void progress(long id, int read, int valid, int invalid, double fraction, List<Refusal> message) {
        ownTransaction.executeWithoutResult(status -> jdbc.sql("""
                        update import_job set status = 'RUNNING', rows_read = ?, valid = ?, invalid = ?, fraction = ?,
                            message = coalesce(?, message), message_parts = coalesce(cast(? as jsonb), message_parts)
                        where id = ?""")
                .params(
                        read,
                        valid,
                        invalid,
                        Double.isNaN(fraction) ? null : fraction,
                        message == null ? null : Refusal.join(message, Locale.SIMPLIFIED_CHINESE),
                        message == null ? null : Refusal.toJson(message),
                        id)
                .update());
    }

    void finish(
            long id,
            String status,
            int read,
            int valid,
            int invalid,
            int applied,
            int unchanged,
            List<Refusal> message,
            boolean hasErrors) {
        jdbc.sql("""
                        update import_job set status = ?, rows_read = ?, valid = ?, invalid = ?, applied = ?, unchanged = ?,
                               message = ?, message_parts = cast(? as jsonb), has_errors = ?, finished_at = ?
                        where id = ?""")
                .params(
                        status,
                        read,
                        valid,
                        invalid,
                        applied,
                        unchanged,
                        Refusal.join(message, Locale.SIMPLIFIED_CHINESE),
                        Refusal.toJson(message),
                        hasErrors,
                        new Timestamp(System.currentTimeMillis()),
                        id)
                .update();
        // liudong_import_rows_total{outcome=...}: rows read by finished imports, by what became of them
        meters.counter("liudong.import.rows", "outcome", "valid").increment(valid);
        meters.counter("liudong.import.rows", "outcome", "invalid").increment(invalid);
        meters.counter("liudong.import.rows", "outcome", "applied").increment(applied);
        meters.counter("liudong.import.jobs", "status", status).increment();
    }

    /**
     * Jobs interrupted by a stop never applied anything (their transaction did not commit): say so. A job that
     * another server runs now holds its cluster lock ({@link ClusterJobs}) and is left alone.
     */
    @EventListener(ApplicationReadyEvent.class)
    void failInterrupted() {
        jobs.failInterrupted("import_job", "import-", Refusal.of("importStopped"));
    }

    private Optional<ImportJob> find(long id) {
        return jdbc.sql(SELECT + " where id = ?")
                .param(id)
                .query(ImportJobs::map)
                .optional();
    }

    private static final String SELECT = """
            select id, owner, file_name, format, dry_run, status, rows_read, valid, invalid, applied, unchanged,
                   fraction, message, message_parts::text as message_parts, has_errors, created_at, finished_at
            from import_job""";

    private static ImportJob map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        Timestamp finished = rs.getTimestamp("finished_at");
        return new ImportJob(
                rs.getLong("id"),
                rs.getString("owner"),
                rs.getString("file_name"),
                rs.getString("format"),
                rs.getBoolean("dry_run"),
                rs.getString("status"),
                rs.getInt("rows_read"),
                rs.getInt("valid"),
                rs.getInt("invalid"),
                rs.getInt("applied"),
                rs.getInt("unchanged"),
                rs.getObject("fraction") == null ? null : rs.getDouble("fraction"),
                rs.getString("message"),
                Refusal.fromJson(rs.getString("message_parts")),
                rs.getBoolean("has_errors"),
                rs.getTimestamp("created_at").toInstant(),
                finished == null ? null : finished.toInstant());
    }

    @Override
    public void destroy() {
        worker.shutdownNow();
    }
}
