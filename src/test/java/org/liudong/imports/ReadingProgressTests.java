package org.liudong.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How far an import has read its file, for the page's progress bar: the bar stood at half for the whole run, also
 * before the first row was read. A CSV file tells by its bytes, a sheet by the rows its dimension states (or,
 * without one, by the bytes of its XML).
 */
class ReadingProgressTests {

    private static final int ROWS = 40_000;

    @TempDir
    Path dir;

    @Test
    void aCsvFileIsReadAsFarAsItsBytesWereTaken() throws Exception {
        Path file = dir.resolve("rows.csv");
        StringBuilder csv = new StringBuilder(String.join(",", ImportTests.HEADER)).append('\n');
        for (int i = 1; i <= ROWS; i++) {
            csv.append("进度").append(',').append(i).append(",130602,110107001003,2013-04-01,务工经商,20\n");
        }
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        try (CsvRows rows = new CsvRows(file)) {
            // the buffers read ahead (at most a few hundred kB of a file of about 2 MB)
            assertThat(rows.fractionRead()).isLessThan(0.2);
            for (int i = 0; i < ROWS / 2; i++) {
                assertThat(rows.next()).isNotNull();
            }
            assertThat(rows.fractionRead()).isBetween(0.45, 0.65);
            while (rows.next() != null) {
                // to the end
            }
            assertThat(rows.fractionRead()).isEqualTo(1.0);
        }
    }

    @Test
    void aSheetIsReadAsFarAsTheRowsItsDimensionStates() throws Exception {
        Path file = sheet("rows.xlsx");
        try (XlsxRows rows = new XlsxRows(file)) {
            assertThat(rows.fractionRead()).isLessThan(0.01);
            for (int i = 0; i < ROWS / 2; i++) {
                assertThat(rows.next()).isNotNull();
            }
            // the row handed out last is row 20,001 of 40,001
            assertThat(rows.fractionRead()).isCloseTo(0.5, within(0.001));
            while (rows.next() != null) {
                // to the end
            }
            assertThat(rows.fractionRead()).isEqualTo(1.0);
        }
    }

    @Test
    void aSheetWithoutDimensionIsReadAsFarAsItsXmlWasTaken() throws Exception {
        Path written = sheet("written.xlsx");
        Path file = dir.resolve("rows.xlsx");
        int removed = 0;
        try (var in = new ZipFile(written.toFile());
                var out = new ZipOutputStream(Files.newOutputStream(file))) {
            for (ZipEntry entry : java.util.Collections.list(in.entries())) {
                byte[] content;
                try (var part = in.getInputStream(entry)) {
                    content = part.readAllBytes();
                }
                if (entry.getName().equals("xl/worksheets/sheet1.xml")) {
                    String xml = new String(content, StandardCharsets.UTF_8);
                    String without = xml.replaceFirst("<dimension ref=\"[A-Z0-9:]+\"/>", "");
                    removed = xml.length() - without.length();
                    content = without.getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(content);
                out.closeEntry();
            }
        }
        assertThat(removed).isPositive();
        try (XlsxRows rows = new XlsxRows(file)) {
            for (int i = 0; i < ROWS / 2; i++) {
                assertThat(rows.next()).isNotNull();
            }
            // the parser reads ahead of the rows handed out: at most 1,024 rows queued and its buffer
            assertThat(rows.fractionRead()).isBetween(0.48, 0.6);
            while (rows.next() != null) {
                // to the end
            }
            assertThat(rows.fractionRead()).isEqualTo(1.0);
        }
    }

    /** A sheet of {@link #ROWS} rows below a header, as POI's streaming writer writes it (with a dimension). */
    private Path sheet(String name) throws Exception {
        Path file = dir.resolve(name);
        try (var workbook = new SXSSFWorkbook(100);
                OutputStream out = Files.newOutputStream(file)) {
            var sheet = workbook.createSheet("台帐");
            var header = sheet.createRow(0);
            for (int c = 0; c < ImportTests.HEADER.size(); c++) {
                header.createCell(c).setCellValue(ImportTests.HEADER.get(c));
            }
            for (int i = 1; i <= ROWS; i++) {
                var row = sheet.createRow(i);
                row.createCell(0).setCellValue("进度");
                row.createCell(1).setCellValue(String.valueOf(i));
            }
            workbook.write(out);
        }
        return file;
    }

    @Test
    void aDimensionOfOneCellSaysNothingOfTheSheetsSize() {
        assertThat(XlsxRows.lastRowOf("A1:I30001")).isEqualTo(30_001);
        assertThat(XlsxRows.lastRowOf("B2:C3")).isEqualTo(3);
        assertThat(XlsxRows.lastRowOf("A1")).isZero();
        assertThat(XlsxRows.lastRowOf(null)).isZero();
        assertThat(XlsxRows.lastRowOf("A1:!!")).isZero();
    }

    @Test
    void theBarShowsTheShareReadInStepsOfFiveThenWritingThenDone() {
        // waiting for the worker, or opening the file (a large sheet's shared strings take seconds): empty
        assertThat(job("QUEUED", 0, null).readingPercent()).isZero();
        assertThat(job("RUNNING", 0, null).readingPercent()).isZero();
        // rows read of a file whose share is not known: no share to show
        assertThat(job("RUNNING", 2000, null).readingPercent()).isNull();
        assertThat(job("RUNNING", 2000, 0.0).readingPercent()).isZero();
        assertThat(job("RUNNING", 2000, 0.42).readingPercent()).isEqualTo(40);
        assertThat(job("RUNNING", 2000, 0.43).readingPercent()).isEqualTo(45);
        assertThat(job("RUNNING", 2000, 0.999).readingPercent()).isEqualTo(100);
        // every row read: the ledger is being written, which has no share to show
        assertThat(job("RUNNING", 2000, 1.0).readingPercent()).isNull();
        assertThat(job("DONE", 2000, 1.0).readingPercent()).isNull();
        assertThat(job("FAILED", 0, null).readingPercent()).isNull();
    }

    private static ImportJob job(String status, int rowsRead, Double fraction) {
        return new ImportJob(
                1,
                "someone",
                "a.csv",
                "CSV",
                false,
                status,
                rowsRead,
                0,
                0,
                0,
                0,
                fraction,
                null,
                List.of(),
                false,
                Instant.now(),
                null);
    }
}
