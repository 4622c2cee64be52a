package org.liudong.stats;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * A statistics table as shown beside its chart, and its .xlsx export (streaming SXSSF); {@code note}, when not
 * null, says what the table leaves out and is written under it.
 */
public record Tables(String title, List<String> headers, List<List<Object>> rows, String note) {

    public Tables(String title, List<String> headers, List<List<Object>> rows) {
        this(title, headers, rows, null);
    }

    public void writeXlsx(OutputStream out) throws IOException {
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(100)) {
            Sheet sheet = workbook.createSheet(title.length() > 31 ? title.substring(0, 31) : title);
            Row head = sheet.createRow(0);
            for (int i = 0; i < headers.size(); i++) {
                head.createCell(i).setCellValue(headers.get(i));
            }
            int r = 1;
            for (List<Object> values : rows) {
                Row row = sheet.createRow(r++);
                for (int i = 0; i < values.size(); i++) {
                    Object v = values.get(i);
                    if (v instanceof Number n) {
                        row.createCell(i).setCellValue(n.doubleValue());
                    } else {
                        row.createCell(i).setCellValue(v == null ? "" : v.toString());
                    }
                }
            }
            if (note != null) {
                sheet.createRow(r + 1).createCell(0).setCellValue(note);
            }
            workbook.write(out);
            workbook.dispose();
        }
    }
}
