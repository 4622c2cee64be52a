package org.liudong.imports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.liudong.registry.LedgerImport;
import org.liudong.shared.IdNumber;
import org.liudong.shared.InvalidFields.Violation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
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

    private final PersonColumns columns;
    private final LedgerImport ledger;
    private final int maxRows;

    ImportRun(PersonColumns columns, LedgerImport ledger, @Value("${liudong.imports.max-rows:1000000}") int maxRows) {
        this.columns = columns;
        this.ledger = ledger;
        this.maxRows = maxRows;
    }

    /** What a finished run counted. */
    record Counts(int read, int valid, int invalid, int applied, int unchanged, String message, boolean hasErrors) {}

    void execute(long id, Path file, String format, boolean dryRun, ImportJobs jobs) {
        try {
            Counts counts = run(
                    file,
                    format,
                    dryRun,
                    jobs.stage(id),
                    jobs.errors(id),
                    "import-" + id,
                    (read, valid, invalid) -> jobs.progress(id, read, valid, invalid));
            jobs.finish(
                    id,
                    "DONE",
                    counts.read(),
                    counts.valid(),
                    counts.invalid(),
                    counts.applied(),
                    counts.unchanged(),
                    counts.message(),
                    counts.hasErrors());
        } catch (UnreadableFile e) {
            jobs.finish(id, "FAILED", 0, 0, 0, 0, 0, e.getMessage() + "。台帐未作任何修改。", false);
        } catch (RuntimeException | IOException e) {
            log.error("Import job {} failed", id, e);
            jobs.finish(id, "FAILED", 0, 0, 0, 0, 0, "导入出错，台帐未作任何修改；请稍后重试或联系系统管理员", false);
        } finally {
            try {
                Files.deleteIfExists(jobs.stage(id));
            } catch (IOException e) {
                log.warn("Could not delete the staging file of import {}", id);
            }
        }
    }

    /** Progress callback: rows read, valid and invalid so far. */
    interface Progress {
        void report(int read, int valid, int invalid);
    }

    Counts run(
            Path file, String format, boolean dryRun, Path stageFile, Path errorFile, String jobRef, Progress progress)
            throws IOException {
        try (RowSource source = open(file, format)) {
            PersonColumns.Layout layout = columns.layout(source.header());
            if (!layout.missing().isEmpty()) {
                throw new UnreadableFile("缺少必填列：" + String.join("、", layout.missing()) + "（请使用导入模板的表头）");
            }
            if (source instanceof XlsxRows xlsx) {
                xlsx.idColumn(layout.positions().get("idNumber"));
            }
            int read = 0;
            int invalid = 0;
            Map<Long, Integer> seen = new HashMap<>();
            try (ErrorReport report = new ErrorReport(source.header());
                    LedgerImport.Stage stage = ledger.stage(stageFile, null)) {
                SheetRow row;
                while ((row = source.next()) != null) {
                    if (row.isBlank()) {
                        continue;
                    }
                    if (++read > maxRows) {
                        throw new UnreadableFile("文件超过 " + maxRows + " 行的上限，请拆分后分批导入");
                    }
                    PersonColumns.Read parsed = columns.read(row, layout);
                    List<String> problems = new ArrayList<>(parsed.problems());
                    Integer earlier = repeated(parsed.input().idNumber(), row.number(), seen);
                    if (earlier != null) {
                        problems.add("身份证号码与第" + earlier + "行重复");
                    }
                    if (problems.isEmpty()) {
                        for (Violation violation : stage.add(row.number(), parsed.input(), null)) {
                            problems.add(label(violation.field()) + "：" + violation.message());
                        }
                    }
                    if (!problems.isEmpty()) {
                        invalid++;
                        report.add(row.number(), row.cells(), String.join("；", problems));
                    }
                    if (read % PROGRESS_EVERY == 0) {
                        progress.report(read, read - invalid, invalid);
                    }
                }
                stage.close();
                progress.report(read, read - invalid, invalid);
                Set<Integer> skipped = new HashSet<>(source.rowsToSkip());
                LedgerImport.Outcome outcome = ledger.apply(stageFile, skipped, dryRun, jobRef);
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
                List<String> notes = new ArrayList<>(source.notes());
                if (!layout.extra().isEmpty()) {
                    notes.add("以下列不是模板中的列，已忽略：" + String.join("、", layout.extra()));
                }
                String summary = (dryRun ? "试导入（未保存）：" : "导入完成：")
                        + "读取 " + read + " 行，新登记 " + outcome.registered() + " 人，更新 " + outcome.updated()
                        + " 人，未变化 " + outcome.unchanged() + " 人，错误 " + invalid + " 行"
                        + (notes.isEmpty() ? "" : "。" + String.join("；", notes));
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

    private static Integer repeated(String raw, int rowNumber, Map<Long, Integer> seen) {
        if (raw == null) {
            return null;
        }
        IdNumber.Check check = IdNumber.check(raw);
        if (!check.valid()) {
            return null;
        }
        String id = check.normalized();
        long key = Long.parseLong(id.substring(0, 17)) * 11 + "0123456789X".indexOf(id.charAt(17));
        return seen.putIfAbsent(key, rowNumber);
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
