package org.liudong.security;

import java.security.SecureRandom;
import java.util.Map;
import org.liudong.shared.InvalidInput;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Password hashing (Argon2id) and generation of first passwords. */
final class Passwords {

    /** No 0/O, 1/l/I: a first password is read off a screen or a file and typed in. */
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";

    private static final SecureRandom RANDOM = new SecureRandom();

    static final int MIN_LENGTH = 10;

    private Passwords() {}

    static PasswordEncoder encoder() {
        return new DelegatingPasswordEncoder(
                "argon2", Map.of("argon2", Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8()));
    }

    static String generate() {
        StringBuilder password = new StringBuilder(16);
        for (int i = 0; i < 16; i++) {
            password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }

    /** A chosen password: at least 10 characters with letters and digits (GB/T 22239 asks for complexity). */
    static void requireStrong(String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            throw new InvalidInput("password", "A password needs at least " + MIN_LENGTH + " characters");
        }
        if (!password.chars().anyMatch(Character::isLetter) || !password.chars().anyMatch(Character::isDigit)) {
            throw new InvalidInput("password", "A password needs both letters and digits");
        }
    }
}
