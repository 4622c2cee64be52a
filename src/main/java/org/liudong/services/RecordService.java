package org.liudong.services;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.liudong.shared.InvalidFields;
import org.liudong.shared.InvalidFields.Violation;

/**
 * A service to record: which, when, by whom, free or not, in the place of residence or not, the result code,
 * the child order (eugenic checks; defaults to the next child), the follow-up date (defaults to 30 days after
 * an abnormal result), notes, and an officer's note overriding a refusal.
 */
public record RecordService(
        String service,
        LocalDate on,
        String provider,
        Boolean free,
        Boolean inPlace,
        String result,
        Integer childOrder,
        LocalDate followUpDue,
        String notes,
        String overrideNote) {

    public RecordService {
        free = free == null || free;
        inPlace = inPlace == null || inPlace;
        result = result == null || result.isBlank() ? null : result.strip();
        notes = notes == null || notes.isBlank() ? null : notes.strip();
        overrideNote = overrideNote == null || overrideNote.isBlank() ? null : overrideNote.strip();
        List<Violation> violations = new ArrayList<>();
        if (service == null || service.isBlank()) {
            violations.add(new Violation("service", "REQUIRED", "请选择服务项目"));
        }
        if (on == null) {
            violations.add(new Violation("on", "REQUIRED", "请填写服务日期"));
        } else if (on.isBefore(LocalDate.of(2000, 1, 1))) {
            violations.add(new Violation("on", "TOO_EARLY", "服务日期早于2000年"));
        }
        if (provider == null || provider.isBlank()) {
            violations.add(new Violation("provider", "REQUIRED", "请填写服务机构"));
        }
        if (childOrder != null && (childOrder < 1 || childOrder > 20)) {
            violations.add(new Violation("childOrder", "RANGE", "孩次须在1–20之间"));
        }
        if (followUpDue != null && on != null && followUpDue.isBefore(on)) {
            violations.add(new Violation("followUpDue", "BEFORE_SERVICE", "随访日期早于服务日期"));
        }
        if (notes != null && notes.length() > 500) {
            violations.add(new Violation("notes", "TOO_LONG", "备注不超过500字"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidFields(violations);
        }
        provider = provider.strip();
        service = service.strip();
    }
}
