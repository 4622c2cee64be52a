package org.liudong.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Runs after every other test (its own surefire execution) and reads the whole run's log: it must hold no
 * valid 18-digit ID number (GB 11643 check character) and no mainland mobile number.
 */
class LogScanTests {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK = "10X98765432";
    private static final Pattern CANDIDATE = Pattern.compile("(?<![0-9A-Za-z])\\d{17}[\\dXx](?![0-9A-Za-z])");
    private static final Pattern PHONE = Pattern.compile("(?<![0-9A-Za-z])1[3-9]\\d{9}(?![0-9A-Za-z])");

    static boolean validIdNumber(String candidate) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (candidate.charAt(i) - '0') * WEIGHTS[i];
        }
        return Character.toUpperCase(candidate.charAt(17)) == CHECK.charAt(sum % 11);
    }

    @Test
    void theCheckCharacterRuleIsGb11643() {
        assertThat(validIdNumber("11010519491231002X")).isTrue();
        assertThat(validIdNumber("110105194912310021")).isFalse();
    }

    @Test
    void theWholeTestRunLoggedNoIdNumberAndNoPhoneNumber() throws Exception {
        Path log = Path.of(System.getProperty("liudong.scanned-log", "target/test-logs/test.log"));
        Assumptions.assumeTrue(Files.exists(log), "no test log at " + log + ": run the whole build");
        List<String> found = new ArrayList<>();
        String text = Files.readString(log, StandardCharsets.UTF_8);
        var ids = CANDIDATE.matcher(text);
        while (ids.find()) {
            if (validIdNumber(ids.group())) {
                found.add("ID number " + ids.group());
            }
        }
        var phones = PHONE.matcher(text);
        while (phones.find()) {
            found.add("phone number " + phones.group());
        }

        assertThat(text).contains("Deliberate test line");
        assertThat(found).isEmpty();
    }
}
