package org.liudong.imports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.liudong.registry.Codes;
import org.springframework.stereotype.Component;

/**
 * The import template: one sheet with the Chinese headers (required ones marked *), text-formatted ID and
 * date columns so Excel does not turn them into numbers, drop-down lists for coded columns, and a sheet of
 * instructions. It is small, so it is built in memory.
 */
@Component
class Template {

    static final int TEMPLATE_ROWS = 5000;

    private final Codes codes;

    Template(Codes codes) {
        this.codes = codes;
    }

    byte[] persons() {
        try (XSSFWorkbook workbook = new XSSFWorkbook();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("人员台帐");
            Sheet lists = workbook.createSheet("代码表");
            Sheet help = workbook.createSheet("填写说明");
            TemplateStyles styles = TemplateStyles.of(workbook);
            CellStyle text = styles.text();
            CellStyle head = styles.head();
            Row header = sheet.createRow(0);
            List<PersonColumns.Column> columns = PersonColumns.COLUMNS;
            DataValidationHelper validations = sheet.getDataValidationHelper();
            int listColumn = 0;
            for (int i = 0; i < columns.size(); i++) {
                PersonColumns.Column column = columns.get(i);
                var cell = header.createCell(i);
                cell.setCellValue(column.header() + (column.required() ? "*" : ""));
                cell.setCellStyle(head);
                sheet.setColumnWidth(i, Math.max(12, column.header().length() * 2 + 4) * 256);
                sheet.setDefaultColumnStyle(i, text);
                if (column.kind() == PersonColumns.Kind.CODE || column.kind() == PersonColumns.Kind.YES_NO) {
                    List<String> options = column.kind() == PersonColumns.Kind.YES_NO
                            ? List.of("是", "否")
                            : codes.table(column.table()).stream()
                                    .map(code -> column.table().equals("purpose")
                                                    || column.table().equals("housing")
                                                    || column.table().equals("pregnancy")
                                            ? code.nameZh()
                                            : code.code() + " " + code.nameZh())
                                    .toList();
                    for (int r = 0; r < options.size(); r++) {
                        Row row = lists.getRow(r) == null ? lists.createRow(r) : lists.getRow(r);
                        row.createCell(listColumn).setCellValue(options.get(r));
                    }
                    String letter = org.apache.poi.ss.util.CellReference.convertNumToColString(listColumn);
                    var constraint = validations.createFormulaListConstraint(
                            "'代码表'!$" + letter + "$1:$" + letter + "$" + options.size());
                    DataValidation validation =
                            validations.createValidation(constraint, new CellRangeAddressList(1, TEMPLATE_ROWS, i, i));
                    validation.setShowErrorBox(true);
                    validation.createErrorBox("请从列表中选择", column.header() + "请从下拉列表中选择");
                    sheet.addValidationData(validation);
                    lists.getRow(0).getCell(listColumn);
                    listColumn++;
                }
            }
            sheet.createFreezePane(2, 1);
            workbook.setSheetHidden(workbook.getSheetIndex(lists), true);
            String[] lines = {
                "流动人口台帐导入模板 填写说明",
                "1. 第一行是表头，请勿修改；带 * 的列必须填写。一行一人。",
                "2. 公民身份号码：18位（或旧式15位），整列已设为文本格式；请勿改成数值，否则Excel会丢失末几位。",
                "3. 日期：写成 2012-03-05、2012/3/5 或 2012年3月5日 均可。",
                "4. 户籍地代码：6位县级行政区划代码，例如 河北省保定市竞秀区 130602；已撤销的旧代码也可以填写。",
                "5. 现居住社区代码：12位社区代码，可在系统“组织机构”页查到，例如 玉泉路西社区 110107001003。",
                "6. 民族、文化程度、婚姻状况、避孕方法等请从下拉列表选择；也可只填代码或名称。",
                "7. 子女：每个子女写成“出生日期/性别/孩次”，多个用分号隔开，例如 2010-05-01/女/1;2013-02-03/男/2。",
                "8. 同一身份证号码已在台帐中时按修改处理：内容相同的不作改动，不同的记入变更历史。",
                "9. 有错误的行不会导入，系统会生成“错误报告”，按其中的错误说明修改后重新上传即可。",
                "10. 请只用第一个工作表，不要合并单元格，不要使用公式。"
            };
            for (int i = 0; i < lines.length; i++) {
                help.createRow(i).createCell(0).setCellValue(lines[i]);
            }
            help.setColumnWidth(0, 120 * 256);
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
