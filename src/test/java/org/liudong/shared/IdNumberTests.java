package org.liudong.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdNumberTests {

    @ParameterizedTest(name = "{0} is valid: born {1}, sex {2}")
    @CsvSource({
        // the standard's own examples
        "11010519491231002X, 1949-12-31, 2, 110105",
        "440524188001010014, 1880-01-01, 1, 440524",
        // computed by hand with the weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2
        "110107198503120015, 1985-03-12, 1, 110107",
        "110107198503120023, 1985-03-12, 2, 110107",
        "130602199001010020, 1990-01-01, 2, 130602",
        "411622198812300039, 1988-12-30, 1, 411622",
        "110103200002290053, 2000-02-29, 1, 110103",
        "362324197511110061, 1975-11-11, 2, 362324",
        "650101199912310073, 1999-12-31, 1, 650101",
        "130102197810080081, 1978-10-08, 2, 130102",
        "810000199001010094, 1990-01-01, 1, 810000",
    })
    void acceptsValidNumbersAndDerivesBirthDateSexAndAddressCode(
            String raw, LocalDate birthDate, String sex, String addressCode) {
        var check = IdNumber.check(raw);

        assertThat(check.valid()).isTrue();
        assertThat(check.errors()).isEmpty();
        assertThat(check.normalized()).isEqualTo(raw);
        assertThat(check.birthDate()).isEqualTo(birthDate);
        assertThat(check.sex()).isEqualTo(sex);
        assertThat(check.addressCode()).isEqualTo(addressCode);
    }

    @ParameterizedTest(name = "''{0}'' normalises to {1}")
    @CsvSource({
        "' 11010519491231002X ', 11010519491231002X",
        "11010519491231002x, 11010519491231002X",
        "'１１０１０５１９４９１２３１００２Ｘ', 11010519491231002X",
        "'110105 19491231 002X', 11010519491231002X",
        "110105491231002, 11010519491231002X",
        "130602900101123, 130602199001011234",
        "411622881230456, 411622198812304566",
    })
    void normalisesSpacesFullWidthDigitsLowerCaseXAndFifteenDigitNumbers(String raw, String normalized) {
        assertThat(IdNumber.check(raw).normalized()).isEqualTo(normalized);
    }

    @ParameterizedTest(name = "''{0}'' is refused: {1}")
    @CsvSource({
        "'', EMPTY",
        "1101051949123100, LENGTH",
        "1101051949123100211, LENGTH",
        "11010519491231002Y, CHARACTERS",
        "X1010519491231002X, CHARACTERS",
        "110105194912310021, CHECK_CHARACTER",
        "440524188001010015, CHECK_CHARACTER",
        "110228197002290043, BIRTH_DATE",
        "110105194902300028, BIRTH_DATE",
        "110105194913010023, BIRTH_DATE",
        "991234199001010011, PROVINCE",
        "001234199001010011, PROVINCE",
        "110105209901010011, BIRTH_DATE",
    })
    void refusesWithTheReason(String raw, String code) {
        var check = IdNumber.check(raw);

        assertThat(check.valid()).isFalse();
        assertThat(check.errors()).extracting(IdNumber.Problem::code).contains(code);
        assertThat(check.errors())
                .allSatisfy(problem -> assertThat(problem.message()).isNotBlank());
    }

    @ParameterizedTest(name = "{0} and {1} are one person")
    @CsvSource({
        "110105491231002, 11010519491231002X",
        "130602900101123, 130602199001011234",
    })
    void fifteenAndEighteenDigitFormsAreTheSamePerson(String fifteen, String eighteen) {
        assertThat(IdNumber.parse(fifteen)).isEqualTo(IdNumber.parse(eighteen));
    }

    @org.junit.jupiter.api.Test
    void masksAllButAddressCodeAndLastFour() {
        assertThat(IdNumber.parse("11010519491231002X").masked()).isEqualTo("110105********002X");
        assertThat(IdNumber.parse("11010519491231002X").toString()).doesNotContain("19491231");
    }

    @org.junit.jupiter.api.Test
    void parseNamesTheFieldItRefuses() {
        assertThatThrownBy(() -> IdNumber.parse("123", "spouse.idNumber"))
                .isInstanceOfSatisfying(
                        InvalidInput.class, e -> assertThat(e.field()).isEqualTo("spouse.idNumber"));
    }
}
