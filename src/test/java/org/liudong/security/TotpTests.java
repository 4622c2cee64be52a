package org.liudong.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TotpTests {

    /** RFC 6238 appendix B, SHA-1 secret "12345678901234567890"; six digits are the last six of eight. */
    private static final String SECRET = Totp.base32("12345678901234567890".getBytes(StandardCharsets.US_ASCII));

    @Test
    void matchesTheRfc6238TestVectors() {
        assertThat(SECRET).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assertThat(Totp.code(SECRET, Instant.ofEpochSecond(59))).isEqualTo("287082");
        assertThat(Totp.code(SECRET, Instant.ofEpochSecond(1111111109))).isEqualTo("081804");
        assertThat(Totp.code(SECRET, Instant.ofEpochSecond(1234567890))).isEqualTo("005924");
        assertThat(Totp.code(SECRET, Instant.ofEpochSecond(2000000000))).isEqualTo("279037");
    }

    @Test
    void acceptsOneStepOfClockDriftEitherWayAndNoMore() {
        Instant now = Instant.ofEpochSecond(1111111109);
        long step = Totp.step(now);

        assertThat(Totp.matchingStep(SECRET, Totp.code(SECRET, step - 1), now)).hasValue(step - 1);
        assertThat(Totp.matchingStep(SECRET, Totp.code(SECRET, step + 1), now)).hasValue(step + 1);
        assertThat(Totp.matchingStep(SECRET, Totp.code(SECRET, step - 2), now)).isEmpty();
        assertThat(Totp.matchingStep(SECRET, Totp.code(SECRET, step + 2), now)).isEmpty();
        assertThat(Totp.matchingStep(SECRET, "12345a", now)).isEmpty();
    }

    @Test
    void base32RoundTripsAndTheUriIsWhatAuthenticatorAppsRead() {
        byte[] data = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, -1, -128};
        assertThat(Totp.fromBase32(Totp.base32(data))).isEqualTo(data);
        assertThat(Totp.uri("Liudong", "wang", SECRET))
                .isEqualTo("otpauth://totp/Liudong:wang?secret=" + SECRET
                        + "&issuer=Liudong&algorithm=SHA1&digits=6&period=30");
    }
}
