package org.liudong.shared;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A citizen ID number (公民身份号码, GB 11643-1999), always held in its normalised 18-character form: six
 * digits of the address code where it was first issued (possibly abolished since), eight of the birth date,
 * three of sequence (odd for men, even for women) and a check character. A 15-digit legacy number and its
 * 18-digit form are the same {@code IdNumber}.
 */
public record IdNumber(String value) {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK_CHARACTERS = "10X98765432";

    /** Province-level codes of GB/T 2260, including Taiwan, Hong Kong and Macao. */
    private static final Set<String> PROVINCES = Set.of(
            "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41", "42", "43",
            "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71", "81", "82");

    public IdNumber {
        Check check = check(value);
        if (!check.valid() || !check.normalized().equals(value)) {
            throw new IllegalArgumentException("Not a normalised ID number");
        }
    }

    /** Parses what a person typed; throws {@link InvalidInput} on the field {@code idNumber} with the first error. */
    public static IdNumber parse(String raw) {
        return parse(raw, "idNumber");
    }

    public static IdNumber parse(String raw, String field) {
        Check check = check(raw);
        if (!check.valid()) {
            Problem first = check.errors().get(0);
            throw new InvalidInput(field, first.message());
        }
        return new IdNumber(check.normalized());
    }

    /** One reason an ID number is refused: a stable code and a sentence in Chinese. */
    public record Problem(String code, String message) {}

    /** The outcome of checking a raw ID number. */
    public record Check(
            boolean valid,
            String normalized,
            LocalDate birthDate,
            String sex,
            String addressCode,
            List<Problem> errors) {}

    /** Checks a raw ID number and says every reason it is refused. */
    public static Check check(String raw) {
        List<Problem> errors = new ArrayList<>();
        String text = normalizeCharacters(raw);
        if (text.isEmpty()) {
            errors.add(new Problem("EMPTY", "请填写身份证号码"));
            return new Check(false, null, null, null, null, errors);
        }
        if (!wellFormed(text)) {
            if (text.length() != 15 && text.length() != 18) {
                errors.add(new Problem("LENGTH", "身份证号码应为18位（或旧式15位），现在是" + text.length() + "位"));
            } else {
                errors.add(new Problem("CHARACTERS", "身份证号码只能包含数字，18位号码的最后一位可以是X"));
            }
            return new Check(false, null, null, null, null, errors);
        }
        String full = text.length() == 15 ? upgrade(text) : text;
        if (!PROVINCES.contains(full.substring(0, 2))) {
            errors.add(new Problem("PROVINCE", "前两位“" + full.substring(0, 2) + "”不是有效的省级行政区划代码"));
        }
        LocalDate birthDate = birthDate(full);
        if (birthDate == null) {
            errors.add(new Problem("BIRTH_DATE", "第7至14位“" + full.substring(6, 14) + "”不是有效的出生日期"));
        }
        if (text.length() == 18 && text.charAt(17) != checkCharacter(text)) {
            errors.add(new Problem("CHECK_CHARACTER", "校验位错误：按前17位计算，最后一位应为" + checkCharacter(text)));
        }
        if (!errors.isEmpty()) {
            return new Check(false, null, null, null, null, errors);
        }
        return new Check(true, full, birthDate, sexOf(full), full.substring(0, 6), List.of());
    }

    /** Fifteen digits, or seventeen digits and a digit or X (without a regular expression: this runs per row). */
    private static boolean wellFormed(String text) {
        int length = text.length();
        if (length != 15 && length != 18) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c == 'X' && i == 17)) {
                return false;
            }
        }
        return true;
    }

    /** GB/T 2261.1 sex code: 1 male, 2 female. */
    public String sex() {
        return sexOf(value);
    }

    /** The birth date in positions 7–14 (valid by construction, so read without the checks and the clock). */
    public LocalDate birthDate() {
        return writtenBirthDate(value);
    }

    public String addressCode() {
        return value.substring(0, 6);
    }

    /** The number as lists show it: address code and check character only, e.g. {@code 110105********002X}. */
    public String masked() {
        return value.substring(0, 6) + "********" + value.substring(14);
    }

    @Override
    public String toString() {
        return masked();
    }

    static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK_CHARACTERS.charAt(sum % 11);
    }

    private static String upgrade(String fifteen) {
        String first17 = fifteen.substring(0, 6) + "19" + fifteen.substring(6);
        return first17 + checkCharacter(first17);
    }

    private static String normalizeCharacters(String raw) {
        if (raw == null) {
            return "";
        }
        String text = raw.strip();
        StringBuilder out = new StringBuilder(text.length());
        // the digits, X and the spaces to drop are all single chars, so a surrogate pair passes through as it is
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '０' && c <= '９') {
                out.append((char) ('0' + (c - '０')));
            } else if (c == 'x' || c == 'ｘ' || c == 'Ｘ') {
                out.append('X');
            } else if (c != ' ' && c != '\u3000') {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The birth date in positions 7–14, or {@code null} when it is no date, before 1850 or in the future. */
    private static LocalDate birthDate(String full) {
        try {
            LocalDate date = writtenBirthDate(full);
            return date.getYear() < 1850 || date.isAfter(LocalDate.now()) ? null : date;
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    /** The date that positions 7–14 hold (digits by now); throws when they name no date. */
    private static LocalDate writtenBirthDate(String full) {
        return LocalDate.of(
                Integer.parseInt(full, 6, 10, 10),
                Integer.parseInt(full, 10, 12, 10),
                Integer.parseInt(full, 12, 14, 10));
    }

    private static String sexOf(String full) {
        return (full.charAt(16) - '0') % 2 == 1 ? "1" : "2";
    }
}
