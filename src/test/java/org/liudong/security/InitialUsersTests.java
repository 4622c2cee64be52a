package org.liudong.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.liudong.support.InitialPasswords;
import org.liudong.support.SharedTestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest
class InitialUsersTests {

    @Autowired
    UserAccounts accounts;

    @Autowired
    org.springframework.security.crypto.password.PasswordEncoder encoder;

    @Test
    void firstStartCreatesAdminAndShijingshanWithGeneratedPasswordsInAnOwnerOnlyFile() throws Exception {
        var file = SharedTestDatabase.DATA_DIR.resolve(InitialUsers.FILE_NAME);
        var passwords = InitialPasswords.read();

        assertThat(passwords).containsOnlyKeys("admin", "shijingshan");
        assertThat(passwords.get("admin")).hasSize(16).isNotEqualTo(passwords.get("shijingshan"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");

        var admin = accounts.findByUsername("admin").orElseThrow();
        var officer = accounts.findByUsername("shijingshan").orElseThrow();
        assertThat(admin.roles()).containsExactly(Role.SYSTEM_ADMIN);
        assertThat(officer.roles()).containsExactly(Role.DISTRICT_OFFICER);
        assertThat(officer.scopeCode()).isEqualTo("110107");
        assertThat(officer.scopePath().value()).isEqualTo("/11/110107/");
        assertThat(encoder.matches(passwords.get("shijingshan"), officer.passwordHash()))
                .isTrue();
        assertThat(officer.passwordHash()).startsWith("{argon2}").doesNotContain(passwords.get("shijingshan"));
    }
}
