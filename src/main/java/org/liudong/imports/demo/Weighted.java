package org.liudong.imports.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** A fixed set of choices with weights, drawn with the generator's random source. */
final class Weighted<T> {

    private final List<T> values = new ArrayList<>();
    private double[] cumulative = new double[8];
    private double total;

    Weighted<T> add(T value, double weight) {
        if (weight <= 0) {
            return this;
        }
        if (values.size() == cumulative.length) {
            cumulative = java.util.Arrays.copyOf(cumulative, cumulative.length * 2);
        }
        total += weight;
        cumulative[values.size()] = total;
        values.add(value);
        return this;
    }

    T pick(SplittableRandom random) {
        double target = random.nextDouble() * total;
        int low = 0;
        int high = values.size() - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (cumulative[mid] > target) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return values.get(low);
    }

    boolean isEmpty() {
        return values.isEmpty();
    }

    /** Uniform choice among list items; the weights of {@link Weighted} are for the skewed marginals. */
    static <T> T any(List<T> items, SplittableRandom random) {
        return items.get(random.nextInt(items.size()));
    }
}
