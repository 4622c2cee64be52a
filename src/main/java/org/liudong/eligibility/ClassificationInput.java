package org.liudong.eligibility;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.liudong.shared.Digits;
import org.liudong.shared.InvalidFields;
import org.liudong.shared.InvalidFields.Violation;

/**
 * What Decree 555 classification looks at: the current household registration county (户籍, never the ID
 * number's prefix), the county of residence, why the person is away, whether they expect to return, birth
 * date and sex (GB/T 2261.1 code), and the date to classify at.
 */
public record ClassificationInput(
        String householdCode,
        String residenceCode,
        Purpose purpose,
        Boolean expectsReturn,
        LocalDate birthDate,
        String sex,
        LocalDate referenceDate) {

    public ClassificationInput {
        expectsReturn = Boolean.TRUE.equals(expectsReturn);
        List<Violation> violations = new ArrayList<>();
        if (!Digits.exactly(householdCode, 6)) {
            violations.add(new Violation("householdCode", "COUNTY_CODE", "户籍地须为6位县级行政区划代码"));
        }
        if (!Digits.exactly(residenceCode, 6)) {
            violations.add(new Violation("residenceCode", "COUNTY_CODE", "现居住地须为6位县级行政区划代码"));
        }
        if (purpose == null) {
            violations.add(new Violation("purpose", "REQUIRED", "请选择流动原因"));
        }
        if (birthDate == null) {
            violations.add(new Violation("birthDate", "REQUIRED", "请填写出生日期"));
        }
        if (sex == null || sex.length() != 1 || "0129".indexOf(sex.charAt(0)) < 0) {
            violations.add(new Violation("sex", "CODE", "性别代码须为 0、1、2 或 9（GB/T 2261.1）"));
        }
        if (referenceDate == null) {
            violations.add(new Violation("referenceDate", "REQUIRED", "请填写认定日期"));
        }
        if (birthDate != null && referenceDate != null && birthDate.isAfter(referenceDate)) {
            violations.add(new Violation("birthDate", "AFTER_REFERENCE", "出生日期晚于认定日期"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidFields(violations);
        }
    }
}
