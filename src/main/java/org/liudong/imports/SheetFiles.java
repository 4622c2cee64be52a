package org.liudong.imports;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.liudong.shared.InvalidInput;
import org.liudong.shared.Refusal;

/**
 * The import machinery for other modules' files: the same streaming readers of .xlsx (SAX) and .csv (UTF-8 or
 * GB18030) the ledger import uses, one row at a time with the problems the reader found, and the same error
 * report (the rows as uploaded plus what to fix, written with SXSSF). A file that cannot be read at all is an
 * {@link InvalidInput} on {@code file} saying why in Chinese.
 */
public final class SheetFiles {

    private SheetFiles() {}

    /** One row as text cells, its number as the user sees it, and what the reader found wrong with it. */
    public record Row(int number, List<String> cells, List<String> problems) {

        public String cell(int index) {
            return index < cells.size() ? cells.get(index) : null;
        }

        public boolean isBlank() {
            return cells.stream().allMatch(cell -> cell == null || cell.isBlank());
        }
    }

    /**
     * Spreadsheet formats a worker may have at hand that are not read: Excel 97–2003 (.xls, still common in offices),
     * WPS's own (.et), Excel's binary workbook (.xlsb) and OpenDocument (.ods). Their refusal says how to save them.
     */
    private static final List<String> SAVE_AS = List.of(".xls", ".et", ".xlsb", ".ods");

    /** The format a file name says: XLSX or CSV; anything else is refused. */
    public static String format(String fileName) {
        String lower = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".xlsx")) {
            return "XLSX";
        }
        if (lower.endsWith(".csv")) {
            return "CSV";
        }
        for (String other : SAVE_AS) {
            if (lower.endsWith(other)) {
                throw new InvalidInput("file", Refusal.of("importSaveAs", other));
            }
        }
        throw new InvalidInput("file", Refusal.of("importFormat"));
    }

    /** Opens an uploaded file of the given format (see {@link #format}) for reading row by row. */
    public static Rows open(Path file, String format) {
        try {
            return new Rows("XLSX".equals(format) ? new XlsxRows(file) : new CsvRows(file));
        } catch (UnreadableFile e) {
            throw new InvalidInput("file", e.refusal());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rows of an open file: the header first, then one at a time. */
    public static final class Rows implements Closeable {

        private final RowSource source;

        private Rows(RowSource source) {
            this.source = source;
        }

        public List<String> header() {
            return source.header();
        }

        /** Which column holds ID numbers, so that cells Excel turned into numbers there are reported. */
        public void idColumn(int index) {
            if (source instanceof XlsxRows xlsx) {
                xlsx.idColumn(index);
            }
        }

        /** The next row, or null at the end. */
        public Row next() {
            try {
                SheetRow row = source.next();
                return row == null || row.number() < 0 ? null : new Row(row.number(), row.cells(), row.problems());
            } catch (UnreadableFile e) {
                throw new InvalidInput("file", e.refusal());
            }
        }

        /** What the reader noticed about the file as a whole, in Chinese. */
        public List<String> notes() {
            return source.notes().stream().map(Refusal::text).toList();
        }

        /** Rows found unusable only after they were read (merged cells). */
        public Set<Integer> rowsToSkip() {
            return source.rowsToSkip();
        }

        @Override
        public void close() {
            try {
                source.close();
            } catch (IOException e) {
                // nothing was written; the reader's temporary state goes with it
            }
        }
    }

    /** An error report: the rows that could not be imported, as uploaded, with what to fix. */
    public static final class Errors implements AutoCloseable {

        private final ErrorReport report;

        public Errors(List<String> header) {
            this.report = new ErrorReport(header);
        }

        public void add(int rowNumber, List<String> cells, String errors) {
            report.add(rowNumber, cells, errors);
        }

        public int rows() {
            return report.rows();
        }

        /** The report as .xlsx bytes. */
        public byte[] bytes() {
            try {
                Path file = Files.createTempFile("errors", ".xlsx");
                try {
                    report.write(file);
                    return Files.readAllBytes(file);
                } finally {
                    Files.deleteIfExists(file);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            report.close();
        }
    }
}
