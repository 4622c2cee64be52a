package org.liudong.divisions;

import org.liudong.shared.Digits;
import org.liudong.shared.InvalidInput;

/**
 * A GB/T 2260 division code of 2, 4, 6, 9 or 12 digits, normalised so that trailing zero segments are dropped
 * ({@code 110000} is province {@code 11}, {@code 110107000000} is county {@code 110107}).
 */
public record DivisionCode(String value) {

    public DivisionCode {
        if (value == null || value.isEmpty()) {
            throw new InvalidInput("code", "A division code is required");
        }
        if (!Digits.only(value)) {
            throw new InvalidInput("code", "Division code " + value + " must contain digits only");
        }
        if (!isLevelLength(value.length())) {
            throw new InvalidInput(
                    "code",
                    "Division code " + value + " has " + value.length() + " digits; it must have 2, 4, 6, 9 or 12");
        }
        value = dropZeroSegments(value);
        if (value.equals("00")) {
            throw new InvalidInput("code", "Division code " + value + " names no province");
        }
    }

    public DivisionLevel level() {
        return DivisionLevel.ofCodeLength(value.length());
    }

    /** The 2-digit code of the province this code lies in. */
    public String provinceCode() {
        return value.substring(0, 2);
    }

    @Override
    public String toString() {
        return value;
    }

    private static boolean isLevelLength(int length) {
        return length == 2 || length == 4 || length == 6 || length == 9 || length == 12;
    }

    /** A segment of zeros means "the unit above itself": 11 0000 is the province, 110107 000 the county. */
    private static String dropZeroSegments(String code) {
        String result = code;
        while (true) {
            int segment = result.length() > 6 ? 3 : 2;
            if (result.length() == 2 || !result.endsWith("0".repeat(segment))) {
                return result;
            }
            result = result.substring(0, result.length() - segment);
        }
    }
}
