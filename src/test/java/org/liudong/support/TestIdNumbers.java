package org.liudong.support;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes valid, distinct ID numbers for test data (the check character computed per GB 11643). An address code, birth
 * date and sex leave 499 sequence numbers here; each such prefix counts its own, so that numbers stay distinct for the
 * whole test run (one shared database) however many other prefixes are used in between.
 */
public final class TestIdNumbers {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final int PER_PREFIX = 499; // women: 002..998 (000 is not issued); men: 001..997 for the same count
    private static final Map<String, AtomicInteger> ISSUED = new ConcurrentHashMap<>();
    private static final int START = (int) (System.nanoTime() % PER_PREFIX);

    private TestIdNumbers() {}

    /** An 18-digit number with this address code and birth date (yyyyMMdd); sex 1 male, 2 female. */
    public static String of(String addressCode, String birthDate, String sex) {
        int issued = ISSUED.computeIfAbsent(addressCode + birthDate + sex, k -> new AtomicInteger())
                .getAndIncrement();
        if (issued >= PER_PREFIX) {
            throw new IllegalStateException("all " + PER_PREFIX + " sequence numbers of " + addressCode + " "
                    + birthDate + " sex " + sex + " are used; take another birth date");
        }
        int n = (START + issued) % PER_PREFIX;
        int sequence = sex.equals("1") ? n * 2 + 1 : n * 2 + 2;
        String first17 = addressCode + birthDate + String.format("%03d", sequence);
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return first17 + "10X98765432".charAt(sum % 11);
    }
}
