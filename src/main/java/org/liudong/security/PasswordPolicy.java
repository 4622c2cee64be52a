package org.liudong.security;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.liudong.shared.InvalidInput;

/**
 * The rules for a password a person chooses (GB/T 22239 身份鉴别, ASVS V2.1): 8 to 64 characters, three of
 * the four classes (lower case, upper case, digits, other), not the username, and not one of the 10,000
 * most common passwords ({@code security/common-passwords.txt}, see {@code security/SOURCES.md}).
 */
final class PasswordPolicy {

    static final int MIN_LENGTH = 8;
    static final int MAX_LENGTH = 64;
    private static final Set<String> COMMON = load("/security/common-passwords.txt");

    private PasswordPolicy() {}

    /** Throws {@link InvalidInput} on field {@code newPassword}, with a message naming the rule broken. */
    static void check(String username, String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            throw refused("A password needs at least " + MIN_LENGTH + " characters");
        }
        if (password.codePointCount(0, password.length()) > MAX_LENGTH) {
            throw refused("A password has at most " + MAX_LENGTH + " characters");
        }
        if (classes(password) < 3) {
            throw refused("A password needs three of: lower-case letters, upper-case letters, digits, other signs");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (username != null
                && !username.isBlank()
                && lower.contains(username.strip().toLowerCase(Locale.ROOT))) {
            throw refused("A password must not contain the username");
        }
        if (isCommon(password)) {
            throw refused("This password is one of the most common ones");
        }
    }

    static boolean isCommon(String password) {
        return COMMON.contains(password.toLowerCase(Locale.ROOT));
    }

    static int commonCount() {
        return COMMON.size();
    }

    static int classes(String password) {
        boolean lower = false, upper = false, digit = false, other = false;
        for (int i = 0; i < password.length(); i++) {
            char c = password.charAt(i);
            if (c >= 'a' && c <= 'z') {
                lower = true;
            } else if (c >= 'A' && c <= 'Z') {
                upper = true;
            } else if (c >= '0' && c <= '9') {
                digit = true;
            } else {
                other = true;
            }
        }
        return (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
    }

    private static InvalidInput refused(String message) {
        return new InvalidInput("password", message);
    }

    private static Set<String> load(String resource) {
        var in = PasswordPolicy.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("Missing " + resource);
        }
        Set<String> words = new HashSet<>();
        try (var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            reader.lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty())
                    .forEach(line -> words.add(line.toLowerCase(Locale.ROOT)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(words);
    }
}
