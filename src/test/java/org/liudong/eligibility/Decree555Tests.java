package org.liudong.eligibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.liudong.divisions.Divisions;
import org.liudong.shared.InvalidFields;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest
class Decree555Tests {

    private static final LocalDate REFERENCE = LocalDate.of(2013, 6, 30);

    @Autowired
    Decree555 decree555;

    @Autowired
    Divisions divisions;

    private Classification classify(
            String household, String residence, Purpose purpose, boolean expectsReturn, LocalDate birth, String sex) {
        return decree555.classify(
                new ClassificationInput(household, residence, purpose, expectsReturn, birth, sex, REFERENCE));
    }

    @ParameterizedTest(name = "{0} → {1} for {2} (returns: {3}) is {4}")
    @CsvSource({
        // did not leave the county
        "110107, 110107, WORK_BUSINESS, false, LOCAL, 第二条",
        "130624, 130624, OTHER, false, LOCAL, 第二条",
        // every short-stay purpose of Art. 2(1), expecting to return
        "130602, 110107, BUSINESS_TRIP, true, TEMPORARY, 第二条第（一）项",
        "130602, 110107, MEDICAL, true, TEMPORARY, 第二条第（一）项",
        "130602, 110107, SCHOOLING, true, TEMPORARY, 第二条第（一）项",
        "130602, 110107, TOURISM, true, TEMPORARY, 第二条第（一）项",
        "130602, 110107, VISIT_RELATIVES, true, TEMPORARY, 第二条第（一）项",
        "130602, 110107, VISIT_FRIENDS, true, TEMPORARY, 第二条第（一）项",
        // a short stay without the intent to return is not excluded
        "130602, 110107, MEDICAL, false, FLOATING_FP, 第二条",
        // expecting to return does not exclude work
        "130602, 110107, WORK_BUSINESS, true, FLOATING_FP, 第二条",
        // districts of one municipality or city with districts: 人户分离
        "110105, 110107, WORK_BUSINESS, false, SEPARATED, 第二条第（二）项",
        "130606, 130602, WORK_BUSINESS, false, SEPARATED, 第二条第（二）项",
        // an abolished district is still a district (崇文区 → 石景山区)
        "110103, 110107, WORK_BUSINESS, false, SEPARATED, 第二条第（二）项",
        // a county is not a district, even abolished 密云县 under Beijing
        "110228, 110108, WORK_BUSINESS, false, FLOATING_FP, 第二条",
        // a county and a county-level city under the same city are not districts
        "130624, 130602, WORK_BUSINESS, false, FLOATING_FP, 第二条",
        "130681, 130602, WORK_BUSINESS, false, FLOATING_FP, 第二条",
        "130602, 130681, MARRIAGE, false, FLOATING_FP, 第二条",
        // districts of different cities
        "130602, 110107, JOINING_RELATIVES, false, FLOATING_FP, 第二条",
        "362324, 110107, WORK_BUSINESS, false, FLOATING_FP, 第二条",
    })
    void classifiesByTheFirstRuleThatApplies(
            String household, String residence, Purpose purpose, boolean returns, Category category, String article) {
        var result = classify(household, residence, purpose, returns, LocalDate.of(1985, 3, 12), "2");

        assertThat(result.category()).isEqualTo(category);
        assertThat(result.article()).isEqualTo(article);
        assertThat(result.reason()).isNotBlank().containsAnyOf("户籍", "因");
    }

    @ParameterizedTest(name = "born {0}, sex {1}: {2}")
    @CsvSource({
        "1995-06-30, 2, FLOATING_FP", // 18 on the reference date
        "1995-07-01, 2, FLOATING_OTHER", // 18 tomorrow
        "1963-07-01, 2, FLOATING_FP", // 49, turns 50 tomorrow
        "1963-06-30, 2, FLOATING_OTHER", // 50 on the reference date
        "1995-06-30, 1, FLOATING_FP",
        "1963-06-30, 1, FLOATING_OTHER",
        "2005-01-01, 2, FLOATING_OTHER", // a child
    })
    void childbearingAgeCountsWholeYearsWithBothBoundsInclusive(LocalDate birth, String sex, Category category) {
        assertThat(classify("130602", "110107", Purpose.WORK_BUSINESS, false, birth, sex)
                        .category())
                .isEqualTo(category);
    }

    @Test
    void theReasonNamesBothPlacesAndTheAge() {
        var result = classify("130602", "110107", Purpose.WORK_BUSINESS, false, LocalDate.of(1985, 3, 12), "2");

        assertThat(result.reason()).contains("竞秀区", "石景山区", "28周岁", "18–49");
    }

    @Test
    void ageWindowsPerSexAndExtraExclusionsAreConfiguration() {
        var properties = new EligibilityProperties(15, 49, 20, 59, Set.of(Purpose.ACCOMPANYING_FAMILY), "安徽省规定");
        var local = new Decree555(divisions, properties);

        var man55 = local.classify(new ClassificationInput(
                "130602", "110107", Purpose.WORK_BUSINESS, false, LocalDate.of(1958, 1, 1), "1", REFERENCE));
        var girl16 = local.classify(new ClassificationInput(
                "130602", "110107", Purpose.WORK_BUSINESS, false, LocalDate.of(1997, 1, 1), "2", REFERENCE));
        var spouse = local.classify(new ClassificationInput(
                "130602", "110107", Purpose.ACCOMPANYING_FAMILY, false, LocalDate.of(1985, 1, 1), "2", REFERENCE));

        assertThat(man55.category()).isEqualTo(Category.FLOATING_FP);
        assertThat(girl16.category()).isEqualTo(Category.FLOATING_FP);
        assertThat(spouse.category()).isEqualTo(Category.TEMPORARY);
        assertThat(spouse.article()).isEqualTo("安徽省规定");
    }

    @Test
    void unknownAndMalformedCodesAreFieldErrors() {
        assertThatThrownBy(() -> classify("990101", "110107", Purpose.OTHER, false, LocalDate.of(1990, 1, 1), "1"))
                .isInstanceOfSatisfying(
                        InvalidFields.class,
                        e -> assertThat(e.violations())
                                .extracting(InvalidFields.Violation::field)
                                .containsExactly("householdCode"));
        assertThatThrownBy(() -> new ClassificationInput("11A107", "1101", null, false, null, "3", null))
                .isInstanceOfSatisfying(
                        InvalidFields.class,
                        e -> assertThat(e.violations())
                                .extracting(InvalidFields.Violation::field)
                                .contains(
                                        "householdCode",
                                        "residenceCode",
                                        "purpose",
                                        "birthDate",
                                        "sex",
                                        "referenceDate"));
    }
}
