package org.liudong.imports;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Workbook;

/**
 * The two cell styles of an import template: text-formatted cells, so that Excel keeps ID numbers and dates as
 * typed, and bold headers. Shared by the ledger's template and other modules' templates.
 */
public record TemplateStyles(CellStyle text, CellStyle head) {

    public static TemplateStyles of(Workbook workbook) {
        CellStyle text = workbook.createCellStyle();
        text.setDataFormat(workbook.createDataFormat().getFormat("@"));
        CellStyle head = workbook.createCellStyle();
        Font bold = workbook.createFont();
        bold.setBold(true);
        head.setFont(bold);
        return new TemplateStyles(text, head);
    }
}
