package org.liudong.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogMaskingTests {

    @Test
    void masksIdNumbersAndMobileNumbersButNotOtherNumbers() {
        assertThat(LogMasking.mask("id 11010519491231002X tel 13812345678, port 54321"))
                .isEqualTo("id 110105********002X tel 138****5678, port 54321");
        assertThat(LogMasking.mask("hash a11010519491231002")).isEqualTo("hash a11010519491231002");
    }

    /** Logs real-looking values on purpose: LogScanTests proves they reached the log file masked. */
    @Test
    void whateverIsLoggedGoesThroughTheMask() {
        LoggerFactory.getLogger(LogMaskingTests.class)
                .warn(
                        "Deliberate test line: person 11010519491231002X, phone 13912345678",
                        new IllegalStateException("nested 110105194912310021"));
    }
}
