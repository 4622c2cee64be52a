package org.liudong.services.web;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.liudong.org.OrgLevel;
import org.liudong.org.OrgUnits;
import org.liudong.services.DueItem;
import org.liudong.services.DueLists.DueList;
import org.liudong.shared.TableFile;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Writes a due list as a spreadsheet or CSV file, one row per person and service. */
final class DueSheet {

    private static final List<String> HEADER =
            List.of("人员编号", "姓名", "身份证号", "社区", "社区代码", "服务项目", "应服务起始日", "逾期", "原因", "走访日期", "未服务原因");

    private DueSheet() {}

    static byte[] write(DueList list, OrgUnits orgUnits, TableFile.Format format) {
        Map<String, String> communities = orgUnits.names(list.unit().path(), OrgLevel.COMMUNITY);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TableFile file = TableFile.open(format, list.month() + " 应服务名单", HEADER, out)) {
            for (DueItem item : list.items()) {
                file.row(Arrays.asList(
                        item.personId(),
                        item.name(),
                        item.idNumberMasked(),
                        communities.getOrDefault(item.communityCode(), item.communityCode()),
                        item.communityCode(),
                        item.serviceName() + "（" + item.service() + "）",
                        item.dueSince().toString(),
                        item.overdue() ? "是" : "否",
                        item.reason(),
                        item.visitedOn() == null ? null : item.visitedOn().toString(),
                        item.visitReason()));
            }
            file.finish();
        }
        return out.toByteArray();
    }

    /** The file as a download named after the unit and month. */
    static ResponseEntity<byte[]> download(DueList list, String code, OrgUnits orgUnits, TableFile.Format format) {
        return ResponseEntity.ok()
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        TableFile.attachment("due-" + code + "-" + list.month() + format.extension()))
                .contentType(MediaType.parseMediaType(format.contentType()))
                .body(write(list, orgUnits, format));
    }
}
