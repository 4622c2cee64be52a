package org.liudong.support;

import java.lang.management.ManagementFactory;

/**
 * A benchmark's warm-up: rounds of its own work until the JIT compiler has nearly stopped, so that what is measured
 * afterwards is compiled code, as on a server that has been up for a while, not the compiler's queue.
 */
public final class JitWarmUp {

    /** The JIT counts as done when it compiled for less than this share of a warm-up round's wall time. */
    public static final double DONE = 0.03;

    /** One round of warm-up work; {@code round} counts from 0. */
    @FunctionalInterface
    public interface Round {
        void run(int round) throws Exception;
    }

    /** Told after each round: its number (from 0), its wall time and the compiler's share of it. */
    @FunctionalInterface
    public interface Progress {
        void after(int round, double seconds, double jitShare);
    }

    /** What a warm-up did: the rounds run and the compiler's share of the last one. */
    public record Result(int rounds, double lastShare) {}

    private JitWarmUp() {}

    /** Runs rounds until the compiler worked for less than {@link #DONE} of one, at most {@code maxRounds}. */
    public static Result run(int maxRounds, Round round, Progress progress) throws Exception {
        double share = 1;
        int rounds = 0;
        while (rounds < maxRounds && share >= DONE) {
            long compiled = compiledMillis();
            long begun = System.nanoTime();
            round.run(rounds);
            double seconds = (System.nanoTime() - begun) / 1e9;
            share = (compiledMillis() - compiled) / (seconds * 1000);
            progress.after(rounds, seconds, share);
            rounds++;
        }
        return new Result(rounds, share);
    }

    /** Milliseconds the JIT compiler has worked since the JVM started, summed over its threads. */
    public static long compiledMillis() {
        return ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    }
}
