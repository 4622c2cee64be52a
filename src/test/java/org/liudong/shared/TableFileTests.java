package org.liudong.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

class TableFileTests {

    private static byte[] write(TableFile.Format format, List<List<?>> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TableFile file = TableFile.open(format, "表", List.of("名称", "数量", "备注"), out)) {
            rows.forEach(file::row);
            assertThat(file.finish()).isEqualTo(rows.size());
        }
        return out.toByteArray();
    }

    @Test
    void aCsvStartsWithAByteOrderMarkQuotesWhatItMustAndDefusesFormulas() {
        String text = new String(
                write(
                        TableFile.Format.CSV,
                        List.of(
                                Arrays.asList("鲁谷, 东区", 12, null),
                                Arrays.asList("=HYPERLINK(\"x\")", -3, "说\"是\""),
                                Arrays.asList("+86 138", 0L, "一行\n两行"))),
                StandardCharsets.UTF_8);

        assertThat(text)
                .isEqualTo("\uFEFF名称,数量,备注\r\n"
                        + "\"鲁谷, 东区\",12,\r\n"
                        + "\"'=HYPERLINK(\"\"x\"\")\",-3,\"说\"\"是\"\"\"\r\n"
                        + "'+86 138,0,\"一行\n两行\"\r\n");
    }

    @Test
    void anXlsxKeepsWholeNumbersAsNumbersAndLeavesEmptyCellsOut() throws Exception {
        byte[] bytes =
                write(TableFile.Format.XLSX, List.of(Arrays.asList("八宝山", 40, null), Arrays.asList("", 7L, "注")));

        try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            var sheet = workbook.getSheet("表");
            assertThat(sheet.getLastRowNum()).isEqualTo(2);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("名称");
            assertThat(sheet.getRow(1).getCell(1).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(sheet.getRow(1).getCell(1).getNumericCellValue()).isEqualTo(40.0);
            assertThat(sheet.getRow(1).getCell(2)).isNull();
            assertThat(sheet.getRow(2).getCell(0)).isNull();
            assertThat(sheet.getRow(2).getCell(2).getStringCellValue()).isEqualTo("注");
        }
    }

    @Test
    void anXlsxWhoseRowsFailHalfWayIsNotWrittenAsIfItWereWhole() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> {
                    try (TableFile file = TableFile.open(TableFile.Format.XLSX, "表", List.of("名称"), out)) {
                        file.row(List.of("第一行"));
                        throw new IllegalStateException("the database went away");
                    }
                })
                .hasMessage("the database went away");

        assertThat(out.size()).isZero();
    }
}
