package org.liudong.shared;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * A list taken away as a file, row by row: {@code .xlsx} through POI's streaming workbook (at most 500 rows held in
 * memory), or UTF-8 CSV with a byte-order mark, so that Excel on a Chinese Windows reads the Chinese. A CSV cell that
 * a spreadsheet would run as a formula gets a leading apostrophe. {@link #finish} completes the file; the stream stays
 * open for its owner.
 */
public final class TableFile implements AutoCloseable {

    /** The two formats every list can be taken away in. */
    public enum Format {
        XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        CSV("text/csv;charset=UTF-8");

        private final String contentType;

        Format(String contentType) {
            this.contentType = contentType;
        }

        public String contentType() {
            return contentType;
        }

        /** {@code .xlsx} or {@code .csv}. */
        public String extension() {
            return "." + name().toLowerCase(Locale.ROOT);
        }

        /** The format a request's path ends in: {@code …/export.csv} is CSV, anything else .xlsx. */
        public static Format ofPath(String path) {
            return path != null && path.toLowerCase(Locale.ROOT).endsWith(".csv") ? CSV : XLSX;
        }
    }

    private final OutputStream out;
    private final SXSSFWorkbook workbook;
    private final Sheet sheet;
    private final BufferedWriter csv;
    private int next;
    private int rows;

    private TableFile(Format format, String sheetName, OutputStream out) {
        this.out = out;
        if (format == Format.XLSX) {
            workbook = new SXSSFWorkbook(500);
            sheet = workbook.createSheet(sheetName);
            csv = null;
        } else {
            workbook = null;
            sheet = null;
            csv = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        }
    }

    /** Starts a file with its header row. */
    public static TableFile open(Format format, String sheetName, List<String> header, OutputStream out) {
        TableFile file = new TableFile(format, sheetName, out);
        try {
            if (file.csv != null) {
                file.csv.write('\uFEFF');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        file.line(header);
        return file;
    }

    /** Appends one row; {@code null} is an empty cell, a number a number cell (in .xlsx). */
    public void row(List<?> cells) {
        line(cells);
        rows++;
    }

    private void line(List<?> cells) {
        if (workbook != null) {
            Row row = sheet.createRow(next++);
            for (int i = 0; i < cells.size(); i++) {
                Object value = cells.get(i);
                if (value instanceof Number number) {
                    row.createCell(i).setCellValue(number.doubleValue());
                } else if (value != null && !value.toString().isEmpty()) {
                    row.createCell(i).setCellValue(value.toString());
                }
            }
        } else {
            try {
                for (int i = 0; i < cells.size(); i++) {
                    if (i > 0) {
                        csv.write(',');
                    }
                    Object value = cells.get(i);
                    csv.write(csvCell(
                            value instanceof java.math.BigDecimal decimal
                                    ? decimal.toPlainString()
                                    : value == null ? null : value.toString()));
                }
                csv.write("\r\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Writes what is left of the file (the whole workbook, for .xlsx); answers the rows written after the header. A
     * file whose rows failed half-way is not finished, so no complete-looking .xlsx holds part of a list.
     */
    public int finish() {
        try {
            if (workbook != null) {
                workbook.write(out);
            } else {
                csv.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /** Lets go of the workbook's temporary files; writes nothing. */
    @Override
    public void close() {
        if (workbook != null) {
            workbook.dispose();
            try {
                workbook.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** One CSV cell: quoted where needed; a cell a spreadsheet would run as a formula gets a leading apostrophe. */
    public static String csvCell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String safe = "=+-@".indexOf(value.charAt(0)) >= 0 && !value.matches("-?\\d+(\\.\\d+)?") ? "'" + value : value;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return '"' + safe.replace("\"", "\"\"") + '"';
        }
        return safe;
    }

    /** Starts a download of this file's format named {@code baseName} plus its extension, on an HTTP response. */
    public static void startDownload(
            jakarta.servlet.http.HttpServletResponse response, Format format, String baseName) {
        response.setContentType(format.contentType());
        response.setHeader("Content-Disposition", attachment(baseName + format.extension()));
    }

    /** A Content-Disposition value with the file name in UTF-8 (RFC 6266). */
    public static String attachment(String fileName) {
        String encoded = URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"export\"; filename*=UTF-8''" + encoded;
    }
}
