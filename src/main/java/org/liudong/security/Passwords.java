package org.liudong.security;

import java.security.SecureRandom;
import java.util.Map;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Password hashing (Argon2id) and generation of first passwords. */
final class Passwords {

    /** No 0/O, 1/l/I: a first password is read off a screen or a file and typed in. */
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Argon2id with OWASP's minimum: 46 MiB (47,104 KiB) of memory, one pass, one lane. */
    static final int ARGON2_MEMORY_KIB = 47_104;

    private Passwords() {}

    static PasswordEncoder encoder() {
        return new DelegatingPasswordEncoder(
                "argon2", Map.of("argon2", new Argon2PasswordEncoder(16, 32, 1, ARGON2_MEMORY_KIB, 1)));
    }

    /** 16 characters with at least a lower-case letter, an upper-case letter and a digit. */
    static String generate() {
        while (true) {
            StringBuilder password = new StringBuilder(16);
            for (int i = 0; i < 16; i++) {
                password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
            }
            String candidate = password.toString();
            if (PasswordPolicy.classes(candidate) >= 3) {
                return candidate;
            }
        }
    }
}
