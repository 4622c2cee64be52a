package org.liudong.imports;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.liudong.registry.LedgerExport;
import org.liudong.registry.PersonFilter;
import org.springframework.stereotype.Service;

/**
 * The ledger as files: the import template, and exports in the template's columns (so an export imports back
 * unchanged), written as they are read — SXSSF keeps only a window of rows in memory.
 */
@Service
public class LedgerFiles {

    private final PersonColumns columns;
    private final Template template;
    private final LedgerExport export;

    LedgerFiles(PersonColumns columns, Template template, LedgerExport export) {
        this.columns = columns;
        this.template = template;
        this.export = export;
    }

    /** Refuses an export the caller may not make, before anything is written. */
    public void check(PersonFilter filter) {
        export.check(filter);
    }

    public byte[] template() {
        return template.persons();
    }

    /** Writes the filtered persons as .xlsx; answers how many. */
    public int exportXlsx(PersonFilter filter, OutputStream out) {
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(500)) {
            Sheet sheet = workbook.createSheet("人员台帐");
            Row header = sheet.createRow(0);
            List<String> headers = columns.headers();
            for (int i = 0; i < headers.size(); i++) {
                header.createCell(i).setCellValue(headers.get(i));
            }
            int[] next = {1};
            int count = export.export(filter, "xlsx", person -> {
                Row row = sheet.createRow(next[0]++);
                List<String> cells = columns.cells(person);
                for (int i = 0; i < cells.size(); i++) {
                    if (!cells.get(i).isEmpty()) {
                        row.createCell(i).setCellValue(cells.get(i));
                    }
                }
            });
            workbook.write(out);
            workbook.dispose();
            return count;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the filtered persons as UTF-8 CSV with a byte-order mark (so Excel reads the Chinese); answers how many. */
    public int exportCsv(PersonFilter filter, OutputStream out) {
        try {
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            writer.write('\uFEFF');
            writeCsvLine(writer, columns.headers());
            int count = export.export(filter, "csv", person -> {
                try {
                    writeCsvLine(writer, columns.cells(person));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            writer.flush();
            return count;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Content-Disposition value with the file name in UTF-8 (RFC 6266). */
    public static String attachment(String fileName) {
        String encoded = URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"export\"; filename*=UTF-8''" + encoded;
    }

    static void writeCsvLine(BufferedWriter writer, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                writer.write(',');
            }
            writer.write(csvCell(cells.get(i)));
        }
        writer.write("\r\n");
    }

    /** Quotes where needed; a cell that a spreadsheet would run as a formula gets a leading apostrophe. */
    static String csvCell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String safe = "=+-@".indexOf(value.charAt(0)) >= 0 && !value.matches("-?\\d+(\\.\\d+)?") ? "'" + value : value;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return '"' + safe.replace("\"", "\"\"") + '"';
        }
        return safe;
    }
}
