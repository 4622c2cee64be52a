package org.liudong.services.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.liudong.imports.TemplateStyles;
import org.liudong.services.CatalogueEntry;
import org.liudong.services.ServiceImports;

/**
 * The service-record import template: the headers (required ones marked *), text-formatted cells so Excel
 * keeps ID numbers and dates as typed, an example row, drop-down lists for the service code and yes/no
 * columns, the catalogue with its result codes, and instructions.
 */
final class ServiceTemplate {

    private static final List<String> REQUIRED = List.of("身份证号", "服务代码", "服务日期", "服务机构");
    private static final int ROWS = 5000;

    private ServiceTemplate() {}

    static byte[] write(List<CatalogueEntry> catalogue) {
        try (XSSFWorkbook workbook = new XSSFWorkbook();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("服务记录");
            Sheet codes = workbook.createSheet("服务目录");
            Sheet help = workbook.createSheet("填写说明");
            TemplateStyles styles = TemplateStyles.of(workbook);
            CellStyle text = styles.text();
            CellStyle head = styles.head();
            Row header = sheet.createRow(0);
            List<String> columns = ServiceImports.COLUMNS;
            for (int i = 0; i < columns.size(); i++) {
                var cell = header.createCell(i);
                cell.setCellValue(columns.get(i) + (REQUIRED.contains(columns.get(i)) ? "*" : ""));
                cell.setCellStyle(head);
                sheet.setColumnWidth(i, (i == 0 ? 22 : 14) * 256);
                sheet.setDefaultColumnStyle(i, text);
            }
            Row example = sheet.createRow(1);
            List<String> values = ServiceImports.example();
            for (int i = 0; i < values.size(); i++) {
                var cell = example.createCell(i);
                cell.setCellStyle(text);
                cell.setCellValue(values.get(i));
            }
            Row codesHeader = codes.createRow(0);
            List<String> codeColumns = List.of("服务代码", "组别", "名称", "结果代码");
            for (int i = 0; i < codeColumns.size(); i++) {
                codesHeader.createCell(i).setCellValue(codeColumns.get(i));
                codesHeader.getCell(i).setCellStyle(head);
            }
            List<CatalogueEntry> offered =
                    catalogue.stream().filter(CatalogueEntry::active).toList();
            for (int r = 0; r < offered.size(); r++) {
                CatalogueEntry entry = offered.get(r);
                Row row = codes.createRow(r + 1);
                row.createCell(0).setCellValue(entry.code());
                row.createCell(1).setCellValue(entry.groupName());
                row.createCell(2).setCellValue(entry.nameZh());
                row.createCell(3).setCellValue(String.join(",", entry.resultCodes()));
            }
            codes.setColumnWidth(2, 30 * 256);
            codes.setColumnWidth(3, 30 * 256);
            DataValidationHelper validations = sheet.getDataValidationHelper();
            if (!offered.isEmpty()) {
                var list = validations.createFormulaListConstraint("'服务目录'!$A$2:$A$" + (offered.size() + 1));
                var validation = validations.createValidation(
                        list, new CellRangeAddressList(1, ROWS, columns.indexOf("服务代码"), columns.indexOf("服务代码")));
                validation.setShowErrorBox(true);
                sheet.addValidationData(validation);
            }
            for (String yesNo : List.of("是否免费", "是否在现居住地")) {
                int index = columns.indexOf(yesNo);
                var validation = validations.createValidation(
                        validations.createExplicitListConstraint(new String[] {"是", "否"}),
                        new CellRangeAddressList(1, ROWS, index, index));
                validation.setShowErrorBox(true);
                sheet.addValidationData(validation);
            }
            List<String> lines = List.of(
                    "服务记录导入说明",
                    "1. 带 * 的列必填；第2行是示例，导入前请删除或改成真实记录。",
                    "2. 身份证号须为您管辖范围内台帐中的人员；填写姓名时须与台帐一致。",
                    "3. 服务代码见“服务目录”工作表；结果须为该服务的结果代码之一，没有结果代码的服务留空。",
                    "4. 日期写成 2013-03-15（也可写 2013/3/15 或 20130315），不能晚于今天。",
                    "5. 是否免费、是否在现居住地填“是”或“否”，留空视为“是”。",
                    "6. 孩次仅用于孕前优生健康检查，留空时按下一孩次计；异常结果未填随访日期时按30天后计。",
                    "7. 每行按服务资格审核（计入文件中排在前面的行）；不符合条件的行报错。街道或区流管科干部可在“干部说明”中写明理由后登记，记入审计。",
                    "8. 先“试导入”检查：有任何错误时整份文件都不保存，请按错误报告改正后重新上传；没有错误时一次全部保存。",
                    "9. 同一人、同一服务、同一日期已登记的行不会重复登记，重复上传同一文件是安全的。");
            for (int i = 0; i < lines.size(); i++) {
                help.createRow(i).createCell(0).setCellValue(lines.get(i));
            }
            help.setColumnWidth(0, 120 * 256);
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
