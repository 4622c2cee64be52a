package org.liudong.org;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.liudong.shared.InvalidFields;
import org.liudong.shared.InvalidFields.Violation;

/**
 * What a site's basic record says and an editor may change; validates itself with Chinese messages per
 * field. The community is fixed once the site exists.
 */
public record SiteDetails(
        String name,
        SiteModel model,
        String stationName,
        String address,
        Integer estimatedHeadcount,
        Integer capacity,
        LocalDate establishedOn) {

    public SiteDetails {
        name = name == null ? null : name.strip();
        stationName = blankToNull(stationName);
        address = blankToNull(address);
        List<Violation> errors = new ArrayList<>();
        if (name == null || name.isEmpty()) {
            errors.add(new Violation("name", "REQUIRED", "请填写站点名称"));
        } else if (name.length() > 100) {
            errors.add(new Violation("name", "TOO_LONG", "站点名称不能超过100个字"));
        }
        if (model == null) {
            errors.add(new Violation("model", "REQUIRED", "请选择服务模式"));
        }
        if (estimatedHeadcount != null && estimatedHeadcount < 0) {
            errors.add(new Violation("estimatedHeadcount", "NEGATIVE", "预计服务人数不能为负数"));
        }
        if (capacity != null && capacity < 0) {
            errors.add(new Violation("capacity", "NEGATIVE", "容量不能为负数"));
        }
        if (establishedOn != null && establishedOn.isAfter(LocalDate.now())) {
            errors.add(new Violation("establishedOn", "FUTURE", "成立日期不能晚于今天"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidFields(errors);
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
