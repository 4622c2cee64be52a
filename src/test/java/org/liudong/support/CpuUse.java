package org.liudong.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The CPU time a piece of work took on this machine, split between this JVM (every thread: the work's own, the
 * collector's, the JIT's), the PostgreSQL server the tests share (the postmaster and all its processes, those that
 * ended during the work included, through the postmaster's children's times) and everything else. Wall time on
 * {@code cores} cores can be no less than their sum divided by the cores: that is the bound a benchmark can quote
 * beside a target. It reads {@code /proc}: where there is none (not Linux), nothing is counted and {@link #used}
 * answers {@link Used#NOT_COUNTED}.
 */
public final class CpuUse {

    /** Clock ticks per second of {@code /proc}'s times: 100 on every Linux this runs on (USER_HZ). */
    private static final double TICKS = 100.0;

    private final long postmaster;
    private final double jvmStart;
    private final double postgresStart;
    private final double machineStart;

    private CpuUse(long postmaster) {
        this.postmaster = postmaster;
        this.jvmStart = jvmSeconds();
        this.postgresStart = postgresSeconds(postmaster);
        this.machineStart = machineSeconds();
    }

    /** Starts counting; {@code backendPid} is any server process of the shared database (its parent is counted). */
    public static CpuUse start(long backendPid) {
        if (!Files.isReadable(Path.of("/proc", Long.toString(backendPid), "stat"))) {
            return null;
        }
        return new CpuUse(field(stat(backendPid), 4));
    }

    /** What was used since {@code start}; {@link Used#NOT_COUNTED} when {@code use} is null (no {@code /proc}). */
    public static Used used(CpuUse use) {
        return use == null ? Used.NOT_COUNTED : use.used();
    }

    /** What was used since {@link #start}, in CPU seconds. */
    public record Used(double jvm, double postgres, double other) {

        /** Nothing counted: this system has no {@code /proc}. */
        public static final Used NOT_COUNTED = new Used(Double.NaN, Double.NaN, Double.NaN);

        /** The least wall time this work can take on {@code cores} cores, however well its parts overlap. */
        public double floorSeconds(int cores) {
            return (jvm + postgres) / cores;
        }

        /** The bound of {@link #floorSeconds} in words, for a report. */
        public String floor(int cores) {
            return Double.isNaN(jvm)
                    ? "no bound counted"
                    : "at least %.1f s on %d cores".formatted(floorSeconds(cores), cores);
        }

        @Override
        public String toString() {
            if (Double.isNaN(jvm)) {
                return "not counted (no /proc on this system)";
            }
            return "Java %.1f s, PostgreSQL %.1f s (other processes %.1f s)".formatted(jvm, postgres, other);
        }
    }

    private Used used() {
        double jvm = jvmSeconds() - jvmStart;
        double postgres = postgresSeconds(postmaster) - postgresStart;
        double machine = machineSeconds() - machineStart;
        return new Used(jvm, postgres, Math.max(0, machine - jvm - postgres));
    }

    private static double jvmSeconds() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return os.getProcessCpuTime() / 1e9;
    }

    /** The postmaster's own and its ended children's times, plus the times of its living children. */
    private static double postgresSeconds(long postmaster) {
        String[] own = stat(postmaster);
        long ticks = field(own, 14) + field(own, 15) + field(own, 16) + field(own, 17);
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes
                    .filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .toList()) {
                String[] fields =
                        statOrNull(Long.parseLong(process.getFileName().toString()));
                if (fields != null && field(fields, 4) == postmaster) {
                    ticks += field(fields, 14) + field(fields, 15);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ticks / TICKS;
    }

    /** All CPUs' busy time: the first line of {@code /proc/stat} without idle and I/O wait. */
    private static double machineSeconds() {
        try {
            String[] cpu =
                    Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < cpu.length && i <= 8; i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(cpu[i]);
                }
            }
            return busy / TICKS;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The fields of {@code /proc/<pid>/stat}, numbered from 1 as in proc(5): the name (field 2) may hold spaces, so
     * the rest is split after its closing parenthesis.
     */
    private static String[] stat(long pid) {
        String[] fields = statOrNull(pid);
        if (fields == null) {
            throw new IllegalStateException("No process " + pid);
        }
        return fields;
    }

    private static String[] statOrNull(long pid) {
        String line;
        try {
            line = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (IOException e) {
            return null; // ended between the listing and the reading
        }
        String[] rest = line.substring(line.lastIndexOf(')') + 2).trim().split(" ");
        String[] fields = new String[rest.length + 3];
        fields[1] = line.substring(0, line.indexOf(' '));
        fields[2] = line.substring(line.indexOf('(') + 1, line.lastIndexOf(')'));
        System.arraycopy(rest, 0, fields, 3, rest.length);
        return fields;
    }

    private static long field(String[] fields, int number) {
        return Long.parseLong(fields[number]);
    }
}
