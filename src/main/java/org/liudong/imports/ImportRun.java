package org.liudong.imports;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import org.liudong.registry.LedgerImport;
import org.liudong.shared.IdNumber;
import org.liudong.shared.InvalidFields.Violation;
import org.liudong.shared.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.concurrent.DelegatingSecurityContextCallable;
import org.springframework.stereotype.Component;

/**
 * One import, start to end: read the file row by row, check each row with the ledger's own rules (every
 * error of a row, not just the first), catch repeated ID numbers, stage the good rows, then apply them all in
 * one transaction and write the error report. Anything that stops the file being read fails the job with a
 * message and leaves the ledger untouched.
 */
@Component
class ImportRun {

    private static final Logger log = LoggerFactory.getLogger(ImportRun.class);
    private static final int PROGRESS_EVERY = 2000;
    /** Rows per batch handed to a worker, workers, and batches read ahead: at most a few thousand rows in memory. */
    private static final int BATCH = 512;

    private static final int WORKERS =
            Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    private static final int IN_FLIGHT = 2 * WORKERS + 2;

    private final PersonColumns columns;
    private final LedgerImport ledger;
    private final int maxRows;

    ImportRun(PersonColumns columns, LedgerImport ledger, @Value("${liudong.imports.max-rows:1000000}") int maxRows) {
        this.columns = columns;
        this.ledger = ledger;
        this.maxRows = maxRows;
    }

    /** What a finished run counted. */
    record Counts(int read, int valid, int invalid, int applied, int unchanged, List<Refusal> said, boolean hasErrors) {

        /** What the import says, in Chinese. */
        String message() {
            return Refusal.join(said, java.util.Locale.SIMPLIFIED_CHINESE);
        }
    }

    void execute(long id, Path file, String format, boolean dryRun, ImportJobs jobs) {
        try {
            Counts counts = run(file, format, dryRun, jobs.errors(id), "import-" + id, new Progress() {
                @Override
                public void report(int read, int valid, int invalid, double fraction) {
                    jobs.progress(id, read, valid, invalid, fraction, null);
                }

                @Override
                public void applying(int read, int valid, int invalid) {
                    jobs.progress(
                            id,
                            read,
                            valid,
                            invalid,
                            1.0,
                            List.of(Refusal.of(dryRun ? "importComparing" : "importApplying", read)));
                }
            });
            jobs.finish(
                    id,
                    "DONE",
                    counts.read(),
                    counts.valid(),
                    counts.invalid(),
                    counts.applied(),
                    counts.unchanged(),
                    counts.said(),
                    counts.hasErrors());
        } catch (UnreadableFile e) {
            jobs.finish(id, "FAILED", 0, 0, 0, 0, 0, List.of(e.refusal(), Refusal.of("importLedgerUnchanged")), false);
        } catch (RuntimeException | IOException e) {
            log.error("Import job {} failed", id, e);
            jobs.finish(id, "FAILED", 0, 0, 0, 0, 0, List.of(Refusal.of("importFailed")), false);
        }
    }

    /** Progress callback: rows read, valid and invalid so far, and the share of the file read (NaN when not known). */
    interface Progress {
        void report(int read, int valid, int invalid, double fraction);

        /** Every row is read and checked; what is left is writing the ledger, which has no counts until it ends. */
        default void applying(int read, int valid, int invalid) {
            report(read, valid, invalid, 1.0);
        }
    }

    Counts run(Path file, String format, boolean dryRun, Path errorFile, String jobRef, Progress progress)
            throws IOException {
        try (RowSource source = open(file, format)) {
            PersonColumns.Layout layout = columns.layout(source.header());
            if (!layout.missing().isEmpty()) {
                throw new UnreadableFile(Refusal.of("importMissingColumns", String.join("、", layout.missing())));
            }
            if (source instanceof XlsxRows xlsx) {
                xlsx.idColumn(layout.positions().get("idNumber"));
            }
            Timings timings = new Timings();
            long started = System.nanoTime();
            try (ErrorReport report = new ErrorReport(source.header())) {
                // the rows go to the database while they are read; they are applied in the same transaction
                LedgerImport.Outcome outcome = ledger.stageAndApply(
                        dryRun,
                        jobRef,
                        source::mayLeaveRowsOut,
                        stage -> stageRows(source, layout, stage, report, progress, timings));
                long staged = timings.staged;
                int read = timings.read;
                int invalid = timings.invalid;
                Set<Integer> skipped = source.rowsToSkip();
                log.info(
                        "Import {}: {} rows read and staged in {} ms (reading the file {} ms on the reading thread;"
                                + " on {} workers, cells {} ms, rules and classification {} ms, sealing {} ms),"
                                + " applied in {} ms",
                        jobRef,
                        read,
                        (staged - started) / 1_000_000,
                        timings.parse / 1_000_000,
                        WORKERS,
                        timings.cells.sum() / 1_000_000,
                        (timings.check.sum() - timings.sealing) / 1_000_000,
                        timings.sealing / 1_000_000,
                        (System.nanoTime() - staged) / 1_000_000);
                Set<Integer> lateRows = new HashSet<>(skipped);
                Map<Integer, String> lateErrors = new HashMap<>();
                skipped.forEach(number -> lateErrors.put(number, "该行包含合并单元格，请取消合并后重新上传"));
                for (LedgerImport.RowError conflict : outcome.conflicts()) {
                    lateRows.add(conflict.rowNumber());
                    lateErrors.put(
                            conflict.rowNumber(),
                            String.join(
                                    "；",
                                    conflict.violations().stream()
                                            .map(v -> label(v.field()) + "：" + v.message())
                                            .toList()));
                }
                if (!lateRows.isEmpty()) {
                    addLateRows(file, format, lateRows, lateErrors, report);
                }
                invalid += lateRows.size();
                if (report.rows() > 0) {
                    report.write(errorFile);
                }
                List<Refusal> summary = new ArrayList<>();
                summary.add(Refusal.of(
                        dryRun ? "importDryRunSummary" : "importSummary",
                        read,
                        outcome.registered(),
                        outcome.updated(),
                        outcome.unchanged(),
                        invalid));
                summary.addAll(source.notes());
                if (!layout.extra().isEmpty()) {
                    summary.add(Refusal.of("importExtraColumns", String.join("、", layout.extra())));
                }
                return new Counts(
                        read,
                        read - invalid,
                        invalid,
                        outcome.registered() + outcome.updated(),
                        outcome.unchanged(),
                        summary,
                        report.rows() > 0);
            }
        }
    }

    /**
     * Reads the rows in file order, has them checked and sealed in batches by the workers, and takes them back
     * in file order, so repeated ID numbers, the staged rows and the report keep that order.
     */
    private Set<Integer> stageRows(
            RowSource source,
            PersonColumns.Layout layout,
            LedgerImport.Stage stage,
            ErrorReport report,
            Progress progress,
            Timings timings)
            throws IOException {
        Map<Long, Integer> seen = new HashMap<>();
        int read = 0;
        int invalid;
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS, r -> {
            Thread thread = new Thread(r, "ledger-import-check");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Deque<Future<List<Checked>>> pending = new ArrayDeque<>();
            Tally tally = new Tally(seen, stage, report, progress, source);
            List<SheetRow> batch = new ArrayList<>(BATCH);
            SheetRow row;
            long waited = System.nanoTime();
            while ((row = source.next()) != null) {
                timings.parse += System.nanoTime() - waited;
                if (row.isBlank()) {
                    continue;
                }
                if (++read > maxRows) {
                    throw new UnreadableFile(Refusal.of("importTooManyRows", maxRows));
                }
                batch.add(row);
                if (batch.size() == BATCH) {
                    pending.add(workers.submit(check(batch, layout, stage, timings)));
                    batch = new ArrayList<>(BATCH);
                    while (pending.size() >= IN_FLIGHT) {
                        tally.take(pending.poll());
                    }
                }
                waited = System.nanoTime();
            }
            timings.parse += System.nanoTime() - waited;
            if (!batch.isEmpty()) {
                pending.add(workers.submit(check(batch, layout, stage, timings)));
            }
            while (!pending.isEmpty()) {
                tally.take(pending.poll());
            }
            invalid = tally.invalid;
        } finally {
            workers.shutdownNow();
        }
        timings.staged = System.nanoTime();
        timings.read = read;
        timings.invalid = invalid;
        timings.sealing = stage.sealingNanos();
        progress.applying(read, read - invalid, invalid);
        return source.rowsToSkip();
    }

    /**
     * A row after its check: the problems found (reading its cells, then the form's rules), the key of its ID
     * number if that is well formed, and its sealed staging line if it passed. Only rows with problems keep
     * their cells, for the error report.
     */
    private record Checked(
            int number, List<String> cells, List<String> problems, long idKey, LedgerImport.Sealed sealed) {}

    private static final long NO_KEY = -1;

    /** The work of a worker thread for one batch: read the cells, check with the form's rules, seal. */
    private Callable<List<Checked>> check(
            List<SheetRow> batch, PersonColumns.Layout layout, LedgerImport.Stage stage, Timings timings) {
        return new DelegatingSecurityContextCallable<>(() -> {
            List<Checked> out = new ArrayList<>(batch.size());
            for (SheetRow row : batch) {
                long begun = System.nanoTime();
                PersonColumns.Read parsed = columns.read(row, layout);
                long read = System.nanoTime();
                timings.cells.add(read - begun);
                List<String> problems = parsed.problems();
                LedgerImport.Sealed sealed = null;
                if (problems.isEmpty()) {
                    sealed = stage.seal(row.number(), parsed.input(), null);
                    timings.check.add(System.nanoTime() - read);
                    if (!sealed.valid()) {
                        problems = new ArrayList<>();
                        for (Violation violation : sealed.violations()) {
                            problems.add(label(violation.field()) + "：" + violation.message());
                        }
                        sealed = null;
                    }
                }
                long key = idKey(parsed.input().idNumber());
                out.add(new Checked(row.number(), sealed == null ? row.cells() : null, problems, key, sealed));
            }
            return out;
        });
    }

    /** Where the time of a run goes, for the log (the workers' figures are summed over threads). */
    private static final class Timings {
        long parse;
        final LongAdder cells = new LongAdder();
        final LongAdder check = new LongAdder();
        long sealing;
        long staged;
        int read;
        int invalid;
    }

    /** Takes checked batches back in file order: repeated ID numbers, staging, the error report, progress. */
    private static final class Tally {
        private final Map<Long, Integer> seen;
        private final LedgerImport.Stage stage;
        private final ErrorReport report;
        private final Progress progress;
        private final RowSource source;
        private int taken;
        private int invalid;

        Tally(
                Map<Long, Integer> seen,
                LedgerImport.Stage stage,
                ErrorReport report,
                Progress progress,
                RowSource source) {
            this.seen = seen;
            this.stage = stage;
            this.report = report;
            this.progress = progress;
            this.source = source;
        }

        void take(Future<List<Checked>> batch) throws IOException {
            List<Checked> rows;
            try {
                rows = batch.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UnreadableFile(Refusal.of("importInterrupted"));
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException failure) {
                    throw failure;
                }
                throw new IllegalStateException("Checking rows failed", e.getCause());
            }
            for (Checked row : rows) {
                List<String> problems = row.problems();
                Integer earlier = row.idKey() == NO_KEY ? null : seen.putIfAbsent(row.idKey(), row.number());
                if (earlier != null) {
                    problems = new ArrayList<>(problems);
                    problems.add("身份证号码与第" + earlier + "行重复");
                }
                if (problems.isEmpty()) {
                    stage.write(row.sealed());
                } else {
                    invalid++;
                    report.add(row.number(), row.cells() == null ? List.of() : row.cells(), String.join("；", problems));
                }
                if (++taken % PROGRESS_EVERY == 0) {
                    progress.report(taken, taken - invalid, invalid, source.fractionRead());
                }
            }
        }
    }

    /** Re-reads the file for rows refused after staging, so that the error report shows them as uploaded. */
    private void addLateRows(
            Path file, String format, Set<Integer> rows, Map<Integer, String> errors, ErrorReport report)
            throws IOException {
        try (RowSource again = open(file, format)) {
            SheetRow row;
            while ((row = again.next()) != null) {
                if (rows.contains(row.number())) {
                    report.add(row.number(), row.cells(), errors.get(row.number()));
                }
            }
        }
    }

    /** A number for a well-formed ID number (its 18 characters in base 11), or {@link #NO_KEY}. */
    private static long idKey(String raw) {
        if (raw == null) {
            return NO_KEY;
        }
        IdNumber.Check check = IdNumber.check(raw);
        if (!check.valid()) {
            return NO_KEY;
        }
        String id = check.normalized();
        return Long.parseLong(id.substring(0, 17)) * 11 + "0123456789X".indexOf(id.charAt(17));
    }

    private static RowSource open(Path file, String format) throws IOException {
        return format.equals("XLSX") ? new XlsxRows(file) : new CsvRows(file);
    }

    /** The Chinese column name for a field path of the ledger's validation. */
    static String label(String field) {
        String key = field.startsWith("residence.")
                ? field.substring("residence.".length())
                : field.startsWith("spouse.")
                        ? "spouse" + Character.toUpperCase(field.charAt(7)) + field.substring(8)
                        : field.startsWith("certificate.")
                                ? "cert" + Character.toUpperCase(field.charAt(12)) + field.substring(13)
                                : field.startsWith("children") ? "children" : field;
        return PersonColumns.COLUMNS.stream()
                .filter(column -> column.key().equals(key))
                .map(column -> column.header().replaceAll("（.*$", ""))
                .findFirst()
                .orElse(field);
    }
}
