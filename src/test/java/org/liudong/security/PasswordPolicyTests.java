package org.liudong.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.liudong.shared.InvalidInput;

class PasswordPolicyTests {

    @Test
    void refusesPasswordsShorterThanEightOrLongerThanSixtyFourCharacters() {
        assertThatThrownBy(() -> PasswordPolicy.check("wang", "Ab1$xyz")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> PasswordPolicy.check("wang", "Ab1$".repeat(16) + "x"))
                .isInstanceOf(InvalidInput.class);
        assertThatCode(() -> PasswordPolicy.check("wang", "Ab1$".repeat(16))).doesNotThrowAnyException();
    }

    @Test
    void needsThreeOfTheFourCharacterClasses() {
        assertThatThrownBy(() -> PasswordPolicy.check("wang", "kqzvtrmwplxn")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> PasswordPolicy.check("wang", "kqzvtr93mwpl")).isInstanceOf(InvalidInput.class);
        assertThatCode(() -> PasswordPolicy.check("wang", "Kqzvtr93mwpl")).doesNotThrowAnyException();
        assertThatCode(() -> PasswordPolicy.check("wang", "kqzvtr93-mwpl")).doesNotThrowAnyException();
    }

    @Test
    void refusesAPasswordContainingTheUsername() {
        assertThatThrownBy(() -> PasswordPolicy.check("zhangwei", "ZhangWei#2024"))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("username");
    }

    @Test
    void refusesTheTenThousandMostCommonPasswordsWhateverTheirCase() {
        assertThat(PasswordPolicy.commonCount()).isGreaterThan(9_900);
        assertThat(PasswordPolicy.isCommon("Password1")).isTrue();
        assertThatThrownBy(() -> PasswordPolicy.check("wang", "Password1"))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("common");
    }

    @Test
    void hashesWithArgon2idAndAtLeast46MebibytesOfMemory() {
        String hash = Passwords.encoder().encode("Kqzvtr93mwpl");

        assertThat(hash).startsWith("{argon2}$argon2id$").contains("m=47104");
        assertThat(Passwords.ARGON2_MEMORY_KIB).isGreaterThanOrEqualTo(46 * 1024);
    }

    @Test
    void generatedFirstPasswordsPassThePolicy() {
        for (int i = 0; i < 50; i++) {
            assertThatCode(() -> PasswordPolicy.check("wang", Passwords.generate()))
                    .doesNotThrowAnyException();
        }
    }
}
