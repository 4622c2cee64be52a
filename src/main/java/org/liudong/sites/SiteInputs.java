package org.liudong.sites;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.liudong.shared.InvalidFields;
import org.liudong.shared.InvalidFields.Violation;

/** The commands of the sites programme; each validates itself with Chinese messages per field. */
public final class SiteInputs {

    private SiteInputs() {}

    /** A post to fill (or leave vacant without a name) in a site's organisation, from a date. */
    public record NewMember(SiteMember.Kind kind, String duty, String name, String phone, LocalDate since) {
        public NewMember {
            duty = text(duty);
            name = text(name);
            phone = text(phone);
            List<Violation> errors = new ArrayList<>();
            if (kind == null) {
                errors.add(new Violation("kind", "REQUIRED", "请选择岗位类别"));
            }
            if (duty == null) {
                errors.add(new Violation("duty", "REQUIRED", "请填写职责"));
            }
            checkPhone(phone, errors);
            notFuture("since", since, errors);
            throwIfAny(errors);
        }
    }

    /** The next holder of a post from a date; without a name the post becomes vacant. */
    public record Replacement(String name, String phone, LocalDate on) {
        public Replacement {
            name = text(name);
            phone = text(phone);
            List<Violation> errors = new ArrayList<>();
            checkPhone(phone, errors);
            notFuture("on", on, errors);
            throwIfAny(errors);
        }
    }

    /** What and where the publicity position is. */
    public record PublicityPosition(String what, String location) {
        public PublicityPosition {
            what = text(what);
            location = text(location);
            List<Violation> errors = new ArrayList<>();
            if (what == null) {
                errors.add(new Violation("what", "REQUIRED", "请填写宣传内容"));
            }
            if (location == null) {
                errors.add(new Violation("location", "REQUIRED", "请填写宣传阵地位置"));
            }
            throwIfAny(errors);
        }
    }

    /** A dated update of the publicity position's content. */
    public record PublicityUpdate(LocalDate on, String content) {
        public PublicityUpdate {
            content = text(content);
            List<Violation> errors = new ArrayList<>();
            notFuture("on", on, errors);
            if (content == null) {
                errors.add(new Violation("content", "REQUIRED", "请填写更新内容"));
            }
            throwIfAny(errors);
        }
    }

    /** An activity held at a site, attended by named persons of the ledger and/or a head count. */
    public record NewActivity(
            LocalDate heldOn,
            Activity.Kind kind,
            String topic,
            String organiser,
            Integer headcount,
            List<Long> personIds) {
        public NewActivity {
            topic = text(topic);
            organiser = text(organiser);
            personIds = personIds == null ? List.of() : List.copyOf(personIds);
            List<Violation> errors = new ArrayList<>();
            notFuture("heldOn", heldOn, errors);
            if (kind == null) {
                errors.add(new Violation("kind", "REQUIRED", "请选择活动类型"));
            }
            if (topic == null) {
                errors.add(new Violation("topic", "REQUIRED", "请填写活动主题"));
            }
            if (organiser == null) {
                errors.add(new Violation("organiser", "REQUIRED", "请填写组织者"));
            }
            if (headcount != null && headcount < 0) {
                errors.add(new Violation("headcount", "NEGATIVE", "参加人数不能为负数"));
            }
            if (headcount == null && personIds.isEmpty()) {
                errors.add(new Violation("headcount", "REQUIRED", "请填写参加人数或选择参加人员"));
            }
            throwIfAny(errors);
        }
    }

    static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static void checkPhone(String phone, List<Violation> errors) {
        if (phone != null && !phone.matches("[0-9+\\- ]{5,20}")) {
            errors.add(new Violation("phone", "FORMAT", "电话号码格式不正确"));
        }
    }

    private static void notFuture(String field, LocalDate date, List<Violation> errors) {
        if (date == null) {
            errors.add(new Violation(field, "REQUIRED", "请填写日期"));
        } else if (date.isAfter(LocalDate.now())) {
            errors.add(new Violation(field, "FUTURE", "日期不能晚于今天"));
        }
    }

    private static void throwIfAny(List<Violation> errors) {
        if (!errors.isEmpty()) {
            throw new InvalidFields(errors);
        }
    }
}
