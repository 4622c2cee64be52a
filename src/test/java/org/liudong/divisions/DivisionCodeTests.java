package org.liudong.divisions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.liudong.shared.InvalidInput;

class DivisionCodeTests {

    @Test
    void keepsCodesOfEachLevelAsGiven() {
        assertThat(new DivisionCode("11").value()).isEqualTo("11");
        assertThat(new DivisionCode("1101").level()).isEqualTo(DivisionLevel.CITY);
        assertThat(new DivisionCode("110107").level()).isEqualTo(DivisionLevel.COUNTY);
        assertThat(new DivisionCode("110107001").level()).isEqualTo(DivisionLevel.TOWNSHIP);
        assertThat(new DivisionCode("110107001002").level()).isEqualTo(DivisionLevel.COMMUNITY);
    }

    @Test
    void normalisesSixDigitProvinceAndCityCodes() {
        assertThat(new DivisionCode("110000").value()).isEqualTo("11");
        assertThat(new DivisionCode("130100").value()).isEqualTo("1301");
        assertThat(new DivisionCode("1100").value()).isEqualTo("11");
    }

    @Test
    void normalisesTwelveDigitCodesEndingInZeroSegments() {
        assertThat(new DivisionCode("110107001000").value()).isEqualTo("110107001");
        assertThat(new DivisionCode("110107000000").value()).isEqualTo("110107");
        assertThat(new DivisionCode("110000000000").value()).isEqualTo("11");
        assertThat(new DivisionCode("110107000").value()).isEqualTo("110107");
    }

    @Test
    void doesNotNormaliseCodesWhoseLastSegmentOnlyContainsZeros() {
        assertThat(new DivisionCode("110100").value()).isEqualTo("1101");
        assertThat(new DivisionCode("110107010").value()).isEqualTo("110107010");
        assertThat(new DivisionCode("110107001100").value()).isEqualTo("110107001100");
    }

    @Test
    void rejectsCodesWithNonDigits() {
        assertThatThrownBy(() -> new DivisionCode("11A107"))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("11A107")
                .hasMessageContaining("digits only")
                .extracting(e -> ((InvalidInput) e).field())
                .isEqualTo("code");
    }

    @Test
    void rejectsCodesOfTheWrongLength() {
        assertThatThrownBy(() -> new DivisionCode("1101071"))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("1101071")
                .hasMessageContaining("7 digits");
        assertThatThrownBy(() -> new DivisionCode("")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new DivisionCode(null)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new DivisionCode("000000")).isInstanceOf(InvalidInput.class);
    }
}
