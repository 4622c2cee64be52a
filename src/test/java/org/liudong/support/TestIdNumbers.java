package org.liudong.support;

import java.util.concurrent.atomic.AtomicInteger;

/** Makes valid, distinct ID numbers for test data (the check character computed per GB 11643). */
public final class TestIdNumbers {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final AtomicInteger SEQUENCE = new AtomicInteger((int) (System.nanoTime() % 500));

    private TestIdNumbers() {}

    /** An 18-digit number with this address code and birth date (yyyyMMdd); sex 1 male, 2 female. */
    public static String of(String addressCode, String birthDate, String sex) {
        int n = SEQUENCE.incrementAndGet() % 500;
        int sequence = n * 2 + (sex.equals("1") ? 1 : 0);
        if (sequence == 0) {
            sequence = 2;
        }
        String first17 = addressCode + birthDate + String.format("%03d", sequence % 1000);
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return first17 + "10X98765432".charAt(sum % 11);
    }
}
