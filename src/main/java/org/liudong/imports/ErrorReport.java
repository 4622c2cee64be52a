package org.liudong.imports;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * The rows that could not be imported, each as it was uploaded plus a column saying in Chinese what to fix,
 * written with SXSSF so that only a window of rows is ever in memory. The user fixes it and uploads it again.
 */
final class ErrorReport implements AutoCloseable {

    private final SXSSFWorkbook workbook = new SXSSFWorkbook(200);
    private final Sheet sheet;
    private final int width;
    private final CellStyle errorStyle;
    private int next = 1;
    private int rows;

    ErrorReport(List<String> header) {
        sheet = workbook.createSheet("错误行");
        width = header.size();
        errorStyle = workbook.createCellStyle();
        errorStyle.setFillForegroundColor(IndexedColors.ROSE.getIndex());
        errorStyle.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        errorStyle.setWrapText(true);
        Row first = sheet.createRow(0);
        for (int i = 0; i < header.size(); i++) {
            first.createCell(i).setCellValue(header.get(i));
        }
        first.createCell(width).setCellValue("原行号");
        first.createCell(width + 1).setCellValue("错误说明");
    }

    void add(int rowNumber, List<String> cells, String errors) {
        Row row = sheet.createRow(next++);
        for (int i = 0; i < Math.min(cells.size(), width); i++) {
            row.createCell(i).setCellValue(cells.get(i) == null ? "" : cells.get(i));
        }
        row.createCell(width).setCellValue(rowNumber);
        var cell = row.createCell(width + 1);
        cell.setCellValue(errors);
        cell.setCellStyle(errorStyle);
        rows++;
    }

    int rows() {
        return rows;
    }

    void write(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            workbook.write(out);
        }
    }

    @Override
    public void close() {
        workbook.dispose();
        try {
            workbook.close();
        } catch (IOException e) {
            // the temporary files are gone with dispose
        }
    }
}
