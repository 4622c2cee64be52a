package org.liudong.registry;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.liudong.divisions.Division;
import org.liudong.divisions.Divisions;
import org.liudong.eligibility.Purpose;
import org.liudong.org.ServiceSites;
import org.liudong.registry.PersonDetails.Certificate;
import org.liudong.registry.PersonDetails.Child;
import org.liudong.registry.PersonDetails.Spouse;
import org.liudong.registry.PersonInput.ChildInput;
import org.liudong.shared.Digits;
import org.liudong.shared.IdNumber;
import org.liudong.shared.InvalidFields;
import org.liudong.shared.InvalidFields.Violation;
import org.liudong.shared.InvalidInput;
import org.springframework.stereotype.Component;

/**
 * Turns what was typed into a person's details, naming every wrong field and why, in Chinese; nothing is
 * stored unless all fields pass. Historical division codes are accepted with a notice, never dropped.
 */
@Component
class PersonValidation {

    private static final Pattern NAME = Pattern.compile("[\\p{IsHan}\\p{L}·•. -]+");
    private static final Pattern PHONE = Pattern.compile("1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8}");

    private final Codes codes;
    private final Divisions divisions;
    private final ServiceSites sites;

    PersonValidation(Codes codes, Divisions divisions, ServiceSites sites) {
        this.codes = codes;
        this.divisions = divisions;
        this.sites = sites;
    }

    /** Details and residence that passed, with notices to show. */
    record Valid(PersonDetails details, Residence residence, List<Notice> notices) {}

    Valid validate(PersonInput input, boolean withResidence) {
        Errors errors = new Errors();
        if (input == null) {
            throw new InvalidFields(List.of(new Violation("body", "REQUIRED", "请求内容为空")));
        }
        String name = text(input.name());
        if (name == null) {
            errors.add("name", "REQUIRED", "请填写姓名");
        } else if (name.length() > 50) {
            errors.add("name", "TOO_LONG", "姓名不能超过50个字");
        } else if (!NAME.matcher(name).matches()) {
            errors.add("name", "CHARACTERS", "姓名只能包含汉字、字母和间隔号");
        }
        IdNumber idNumber = idNumber(input.idNumber(), "idNumber", true, errors);
        if (idNumber != null
                && text(input.sex()) != null
                && !input.sex().strip().equals(idNumber.sex())) {
            errors.add(
                    "sex", "MISMATCH", "性别与身份证号码不符（第17位" + (idNumber.sex().equals("1") ? "为奇数，应为男" : "为偶数，应为女") + "）");
        }
        String ethnicity = code("ethnicity", input.ethnicity(), "ethnicity", "民族", errors);
        String education = code("education", input.education(), "education", "文化程度", errors);
        String marital = code("marital", input.maritalStatus(), "maritalStatus", "婚姻状况", errors);
        String householdType = code("household_type", input.householdType(), "householdType", "户口性质", errors);
        String householdCode = county(input.householdCode(), "householdCode", "户籍地", true, errors);
        String phone = text(input.phone());
        if (phone != null && !PHONE.matcher(phone).matches()) {
            errors.add("phone", "FORMAT", "联系电话应为11位手机号或带区号的固定电话");
        }
        Spouse spouse = Spouse.NONE;
        if (input.spouse() != null) {
            spouse = new Spouse(
                    text(input.spouse().name()),
                    idNumber(input.spouse().idNumber(), "spouse.idNumber", false, errors),
                    county(input.spouse().householdCode(), "spouse.householdCode", "配偶户籍地", false, errors));
        }
        List<Child> children = new ArrayList<>();
        for (int i = 0; i < input.children().size(); i++) {
            Child child = child(input.children().get(i), "children[" + i + "]", errors);
            if (child != null) {
                children.add(child);
            }
        }
        String contraception = code("contraception", input.contraceptionCode(), "contraceptionCode", "避孕方法", errors);
        LocalDate contraceptionSince = date(input.contraceptionSince(), "contraceptionSince", false, errors);
        String pregnancy = code("pregnancy", input.pregnancyStatus(), "pregnancyStatus", "怀孕状况", errors);
        Certificate certificate = certificate(input.certificate(), errors);
        if (idNumber != null && contraceptionSince != null && contraceptionSince.isBefore(idNumber.birthDate())) {
            errors.add("contraceptionSince", "BEFORE_BIRTH", "避孕起始日期早于出生日期");
        }
        Residence residence = withResidence ? residence(input.residence(), idNumber, errors) : null;
        errors.throwIfAny();
        return new Valid(
                new PersonDetails(
                        name,
                        idNumber,
                        ethnicity,
                        education,
                        marital,
                        householdType,
                        householdCode,
                        text(input.householdAddress()),
                        phone,
                        text(input.employer()),
                        text(input.occupation()),
                        spouse,
                        children,
                        contraception,
                        contraceptionSince,
                        pregnancy,
                        certificate),
                residence,
                errors.notices);
    }

    /** Parses a residence given on its own, e.g. for a move. */
    Residence residence(PersonInput.ResidenceInput input, IdNumber idNumber) {
        Errors errors = new Errors();
        Residence residence = residence(input, idNumber, errors);
        errors.throwIfAny();
        return residence;
    }

    private Residence residence(PersonInput.ResidenceInput input, IdNumber idNumber, Errors errors) {
        if (input == null) {
            errors.add("residence", "REQUIRED", "请填写现居住地信息");
            return null;
        }
        String community = text(input.communityCode());
        if (community == null) {
            errors.add("residence.communityCode", "REQUIRED", "请选择现居住社区");
        } else if (!Digits.exactly(community, 12)) {
            errors.add("residence.communityCode", "FORMAT", "社区代码应为12位数字");
        }
        String housing = code("housing", input.housingType(), "residence.housingType", "住房类型", errors);
        LocalDate movedIn = date(input.movedIn(), "residence.movedIn", true, errors);
        if (movedIn != null && movedIn.isAfter(LocalDate.now())) {
            errors.add("residence.movedIn", "FUTURE", "入住日期不能晚于今天");
        }
        if (movedIn != null && idNumber != null && movedIn.isBefore(idNumber.birthDate())) {
            errors.add("residence.movedIn", "BEFORE_BIRTH", "入住日期早于出生日期");
        }
        Purpose purpose = null;
        String reason = text(input.reason());
        if (reason == null) {
            errors.add("residence.reason", "REQUIRED", "请选择流动原因");
        } else {
            try {
                purpose = Purpose.valueOf(reason);
            } catch (IllegalArgumentException e) {
                errors.add("residence.reason", "CODE", "流动原因“" + reason + "”不在代码表中");
            }
        }
        Long siteId = null;
        if (text(input.siteId()) != null) {
            try {
                siteId = Long.parseLong(input.siteId().strip());
                var site = sites.find(siteId);
                if (site.isEmpty() || !site.get().active()) {
                    errors.add("residence.siteId", "UNKNOWN_SITE", "服务站点" + siteId + "不存在或已关闭");
                } else if (!site.get().communityCode().equals(community)) {
                    errors.add(
                            "residence.siteId",
                            "OTHER_COMMUNITY",
                            "服务站点“" + site.get().name() + "”不属于所选社区");
                }
            } catch (NumberFormatException e) {
                errors.add("residence.siteId", "FORMAT", "服务站点编号应为数字");
            }
        }
        if (errors.has("residence")) {
            return null;
        }
        return new Residence(
                community,
                text(input.address()),
                housing,
                movedIn,
                purpose,
                Boolean.TRUE.equals(input.expectsReturn()),
                siteId);
    }

    private Child child(ChildInput input, String field, Errors errors) {
        if (input == null) {
            return null;
        }
        LocalDate birth = date(input.birthDate(), field + ".birthDate", true, errors);
        String sex = text(input.sex());
        if (sex == null || !codes.contains("sex", sex)) {
            errors.add(field + ".sex", "CODE", "子女性别代码应为 1（男）或 2（女）");
        }
        int order = 0;
        try {
            order = Integer.parseInt(
                    text(input.order()) == null ? "" : input.order().strip());
            if (order < 1 || order > 20) {
                errors.add(field + ".order", "RANGE", "孩次应在1到20之间");
            }
        } catch (NumberFormatException e) {
            errors.add(field + ".order", "FORMAT", "孩次应为数字");
        }
        return birth == null || errors.has(field) ? null : new Child(birth, sex, order);
    }

    private Certificate certificate(PersonInput.CertificateInput input, Errors errors) {
        if (input == null) {
            return Certificate.NONE;
        }
        LocalDate issued = date(input.issuedOn(), "certificate.issuedOn", false, errors);
        LocalDate validUntil = date(input.validUntil(), "certificate.validUntil", false, errors);
        LocalDate checked = date(input.checkedOn(), "certificate.checkedOn", false, errors);
        if (issued != null && validUntil != null && validUntil.isBefore(issued)) {
            errors.add("certificate.validUntil", "BEFORE_ISSUED", "有效期至不能早于发证日期");
        }
        if (checked != null && issued != null && checked.isBefore(issued)) {
            errors.add("certificate.checkedOn", "BEFORE_ISSUED", "查验日期不能早于发证日期");
        }
        if (text(input.number()) == null && (issued != null || validUntil != null)) {
            errors.add("certificate.number", "REQUIRED", "填写婚育证明日期时请同时填写证明编号");
        }
        return new Certificate(
                text(input.number()), text(input.issuer()), issued, validUntil, checked, text(input.checkedBy()));
    }

    private IdNumber idNumber(String raw, String field, boolean required, Errors errors) {
        if (text(raw) == null) {
            if (required) {
                errors.add(field, "REQUIRED", "请填写身份证号码");
            }
            return null;
        }
        IdNumber.Check check = IdNumber.check(raw);
        if (!check.valid()) {
            check.errors().forEach(problem -> errors.add(field, problem.code(), problem.message()));
            return null;
        }
        return new IdNumber(check.normalized());
    }

    private String code(String table, String raw, String field, String label, Errors errors) {
        String value = text(raw);
        if (value != null && !codes.contains(table, value)) {
            errors.add(field, "CODE", label + "代码“" + value + "”不在代码表中");
            return null;
        }
        return value;
    }

    private String county(String raw, String field, String label, boolean required, Errors errors) {
        String value = text(raw);
        if (value == null) {
            if (required) {
                errors.add(field, "REQUIRED", "请填写" + label + "（6位县级行政区划代码）");
            }
            return null;
        }
        if (!Digits.exactly(value, 6)) {
            errors.add(field, "FORMAT", label + "应为6位县级行政区划代码");
            return null;
        }
        try {
            Division division = divisions.find(value).orElse(null);
            if (division == null || division.type() == null) {
                errors.add(field, "UNKNOWN_CODE", label + "代码" + value + "不是已知的县级行政区划（省级代码不存在）");
                return null;
            }
            if (division.historical()) {
                errors.notice(
                        field,
                        "HISTORICAL_CODE",
                        label + "代码" + value + (division.name() == null ? "" : "（" + division.name() + "）")
                                + "已撤销，按历史代码登记");
            }
        } catch (InvalidInput e) {
            errors.add(field, "FORMAT", label + "应为6位县级行政区划代码");
            return null;
        }
        return value;
    }

    private static LocalDate date(String raw, String field, boolean required, Errors errors) {
        String value = text(raw);
        if (value == null) {
            if (required) {
                errors.add(field, "REQUIRED", "请填写日期");
            }
            return null;
        }
        try {
            if (value.length() == 10
                    && value.charAt(4) == '-'
                    && value.charAt(7) == '-'
                    && Digits.only(value, 0, 4)
                    && Digits.only(value, 5, 7)
                    && Digits.only(value, 8, 10)) {
                // the shape every import row has, without the general parser (which runs per field of every row)
                return LocalDate.of(
                        Integer.parseInt(value, 0, 4, 10),
                        Integer.parseInt(value, 5, 7, 10),
                        Integer.parseInt(value, 8, 10, 10));
            }
            return LocalDate.parse(TypedDates.iso(value));
        } catch (DateTimeException e) {
            errors.add(field, "DATE", "“" + value + "”不是有效日期，可写成 2012-03-05、2012/3/5 或 2012年3月5日");
            return null;
        }
    }

    private static String text(String raw) {
        return raw == null || raw.isBlank() ? null : raw.strip();
    }

    /** Collects violations and notices while validating. */
    static final class Errors {
        private final List<Violation> violations = new ArrayList<>();
        private final List<Notice> notices = new ArrayList<>();

        void add(String field, String code, String message) {
            violations.add(new Violation(field, code, message));
        }

        void notice(String field, String code, String message) {
            notices.add(new Notice(field, code, message));
        }

        boolean has(String fieldPrefix) {
            return violations.stream().anyMatch(v -> v.field().startsWith(fieldPrefix));
        }

        void throwIfAny() {
            if (!violations.isEmpty()) {
                throw new InvalidFields(violations);
            }
        }
    }
}
