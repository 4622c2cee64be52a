package org.liudong.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XlsxRowsTests {

    @Test
    void theColumnOfACellReferenceIsThatOfPoisParserForEveryColumnOfASheet() {
        for (int column = 0; column < 16_384; column++) {
            String ref = CellReference.convertNumToColString(column) + (column % 1_000 + 1);
            assertThat(XlsxRows.column(ref)).as(ref).isEqualTo(column);
        }
    }

    @Test
    void referencesOfAnotherShapeAreLeftToPoisParser() {
        assertThat(XlsxRows.column("$C$4")).isEqualTo(2);
        assertThat(XlsxRows.column("c4")).isEqualTo(2);
    }

    @TempDir
    Path dir;

    /** A sheet of 2,000 rows whose cells say "mergeCell" in shared strings only, merged at two cells if asked. */
    private Path sheet(String name, boolean merged) throws Exception {
        Path file = dir.resolve(name);
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            XSSFSheet sheet = workbook.createSheet("台帐");
            for (int r = 0; r < 2_000; r++) {
                var row = sheet.createRow(r);
                row.createCell(0).setCellValue("mergeCell " + r);
                row.createCell(1).setCellValue(r);
            }
            if (merged) {
                sheet.addMergedRegion(new CellRangeAddress(1_500, 1_501, 1, 1));
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                workbook.write(out);
            }
        }
        return file;
    }

    @Test
    void aSheetSaysBeforeItsRowsWhetherItMayLeaveRowsOutForItsMergedCells() throws Exception {
        try (XlsxRows plain = new XlsxRows(sheet("plain.xlsx", false));
                XlsxRows merged = new XlsxRows(sheet("merged.xlsx", true))) {
            assertThat(plain.mayLeaveRowsOut()).isFalse();
            assertThat(merged.mayLeaveRowsOut()).isTrue();
            // asked before a row is read, and the rows are read as before
            int rows = 0;
            while (merged.next() != null) {
                rows++;
            }
            assertThat(rows).isEqualTo(1_999);
            assertThat(merged.rowsToSkip()).containsExactlyInAnyOrder(1_501, 1_502);
        }
    }
}
