package org.liudong.services.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.liudong.org.OrgLevel;
import org.liudong.org.OrgUnits;
import org.liudong.services.DueItem;
import org.liudong.services.DueLists.DueList;

/** Writes a due list as a spreadsheet, one row per person and service. */
final class DueSheet {

    private DueSheet() {}

    static byte[] write(DueList list, OrgUnits orgUnits) {
        Map<String, String> communities = orgUnits.names(list.unit().path(), OrgLevel.COMMUNITY);
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(500);
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            var sheet = workbook.createSheet(list.month() + " 应服务名单");
            List<String> header =
                    List.of("人员编号", "姓名", "身份证号", "社区", "社区代码", "服务项目", "应服务起始日", "逾期", "原因", "走访日期", "未服务原因");
            Row first = sheet.createRow(0);
            for (int i = 0; i < header.size(); i++) {
                first.createCell(i).setCellValue(header.get(i));
            }
            int r = 1;
            for (DueItem item : list.items()) {
                Row row = sheet.createRow(r++);
                row.createCell(0).setCellValue(item.personId());
                row.createCell(1).setCellValue(item.name());
                row.createCell(2).setCellValue(item.idNumberMasked());
                row.createCell(3).setCellValue(communities.getOrDefault(item.communityCode(), item.communityCode()));
                row.createCell(4).setCellValue(item.communityCode());
                row.createCell(5).setCellValue(item.serviceName() + "（" + item.service() + "）");
                row.createCell(6).setCellValue(item.dueSince().toString());
                row.createCell(7).setCellValue(item.overdue() ? "是" : "否");
                row.createCell(8).setCellValue(item.reason());
                row.createCell(9)
                        .setCellValue(
                                item.visitedOn() == null ? "" : item.visitedOn().toString());
                row.createCell(10).setCellValue(item.visitReason() == null ? "" : item.visitReason());
            }
            workbook.write(out);
            workbook.dispose();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
