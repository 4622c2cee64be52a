package org.liudong.imports.demo;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import java.util.SplittableRandom;

/** Citizen ID numbers (GB 11643) for generated persons: address code, birth date, sequence by sex, check. */
final class IdNumbers {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK = "10X98765432";
    private static final DateTimeFormatter DIGITS = DateTimeFormatter.BASIC_ISO_DATE;

    private IdNumbers() {}

    /** A number not in {@code taken}, which it joins. */
    static String unique(String addressCode, LocalDate birth, String sex, SplittableRandom random, Set<String> taken) {
        String number = any(addressCode, birth, sex, random);
        while (!taken.add(number)) {
            number = any(addressCode, birth, sex, random);
        }
        return number;
    }

    /** Sequence digits are odd for men and even for women (GB 11643 §5.2.3). */
    static String any(String addressCode, LocalDate birth, String sex, SplittableRandom random) {
        int sequence = random.nextInt(500) * 2 + ("1".equals(sex) ? 1 : 0);
        String first17 = addressCode + birth.format(DIGITS) + String.format("%03d", sequence);
        return first17 + check(first17);
    }

    static char check(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK.charAt(sum % 11);
    }
}
