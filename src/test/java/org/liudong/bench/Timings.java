package org.liudong.bench;

import java.util.Arrays;
import java.util.List;

/** Latencies of one operation in milliseconds, with the percentiles the reports quote. */
record Timings(String name, double[] millis) {

    static Timings of(String name, List<Double> values) {
        return new Timings(
                name, values.stream().mapToDouble(Double::doubleValue).sorted().toArray());
    }

    int count() {
        return millis.length;
    }

    double percentile(double p) {
        if (millis.length == 0) {
            return Double.NaN;
        }
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    double median() {
        return percentile(50);
    }

    double p95() {
        return percentile(95);
    }

    double p99() {
        return percentile(99);
    }

    static String ms(double value) {
        if (Double.isNaN(value)) {
            return "—";
        }
        return value < 10 ? String.format("%.2f ms", value) : String.format("%,.0f ms", value);
    }
}
