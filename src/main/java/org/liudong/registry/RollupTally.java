package org.liudong.registry;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.liudong.shared.CopyText;

/**
 * The ledger rollup's delta rows (汇总, registry V5_6) of a first load's new residence episodes, counted by the
 * application instead of by the rollup's trigger, which grouped every counting fact again after the last row (2.1 s
 * of one database core for the demo district's 263,000 episodes, while the application waited). The rows are those
 * the rollup's statement ({@code ledger_rollup_insert_sql}, V5_12) appends for the same facts: per street path,
 * category and bucket, the arrivals (+1) and departures (-1) of kinds T (bucket: month), M (sex, marital status;
 * month), A (sex, birth year), E (education, birth year from 1989), O (origin province) and J (occupation; all four by
 * year), keys whose sum is 0 left out. {@code RollupTallyTests} holds the two to the same rows.
 *
 * <p>A bucket is the date itself from the first day of today's month (year) on, and that first day before; today is
 * Beijing's as the database has it in the load's transaction (what {@code ledger_rollup_bucket} reads).
 *
 * <p>The writing thread {@link #add}s each episode as ten numbers (its values numbered in small dictionaries, its
 * dates as days), which costs it little while the file is read; the grouping waits for {@link #rows}, which the
 * import runs while the database copies the episodes. A value beyond what a key holds (more than 4,095 streets, say)
 * makes the tally {@link #usable() unusable}, and the rollup's trigger counts the episodes as before.
 *
 * <p>A {@link Fact} may be made on any thread; the tally is for one thread at a time.
 */
final class RollupTally {

    /**
     * A new episode's part in the rollup: the values its counting fact takes from the episode and the person (never a
     * merged one, which the rollup leaves out: an import makes none).
     */
    record Fact(
            String orgPath,
            String category,
            String sex,
            String marital,
            LocalDate birthDate,
            String education,
            String householdCode,
            String occupation,
            LocalDate movedIn,
            LocalDate movedOut) {}

    /** The copy of the rows into the rollup. */
    static final String COPY = "copy ledger_rollup (kind, path, bucket, category, k1, k2, n) from stdin";

    /** The kinds in the order of their code in a key (code 0 is never used, so no key is 0). */
    private static final String KINDS = "?TMAEOJ";

    private static final int STRIDE = 10;
    private static final int NO_DATE = Integer.MIN_VALUE;
    /** Days are kept from 1900-01-01 in 17 bits, to 2258. */
    private static final long FIRST_DAY = LocalDate.of(1900, 1, 1).toEpochDay();

    private static final int YEAR_BASE = 1850;
    /** A birth year's number when there is none (the statement's text is then empty). */
    private static final int NO_YEAR = 255;

    private final long monthStart;
    private final long yearStart;

    private final Map<String, Integer> streetOfPath = new HashMap<>();
    private final Values streets = new Values(1 << 12);
    private final Values categories = new Values(1 << 4);
    private final Values sexes = new Values(1 << 20);
    private final Values maritals = new Values(1 << 8);
    private final Values educations = new Values(1 << 20);
    private final Map<String, Integer> provinceOfHousehold = new HashMap<>();
    private final Values provinces = new Values(1 << 20);
    private final Map<String, Integer> occupationOfText = new HashMap<>();
    private final Values occupations = new Values(1 << 20);

    private int[] facts = new int[STRIDE * 4096];
    private int size;
    private boolean usable = true;
    private List<Object[]> rows;

    RollupTally(LocalDate today) {
        this.monthStart = today.withDayOfMonth(1).toEpochDay();
        this.yearStart = today.withDayOfYear(1).toEpochDay();
    }

    /** Values numbered in the order first seen, at most {@code limit} of them. */
    private final class Values {
        private final Map<String, Integer> numbers = new HashMap<>();
        private final List<String> texts = new ArrayList<>();
        private final int limit;

        Values(int limit) {
            this.limit = limit;
        }

        int number(String text) {
            Integer known = numbers.get(text);
            if (known != null) {
                return known;
            }
            int number = texts.size();
            if (number >= limit) {
                usable = false;
                return 0;
            }
            numbers.put(text, number);
            texts.add(text);
            return number;
        }

        String text(int number) {
            return texts.get(number);
        }
    }

    /** The org path cut after its third part ({@code /city/district/street/}), as {@code ledger_rollup_path}. */
    static String street(String path) {
        int at = 0;
        for (int part = 0; part < 3; part++) {
            if (at >= path.length() || path.charAt(at) != '/') {
                return path;
            }
            int next = path.indexOf('/', at + 1);
            if (next < 0 || next == at + 1) {
                return path;
            }
            at = next;
        }
        return path.substring(0, at + 1);
    }

    /** PostgreSQL's {@code trim()}: spaces only, both ends. */
    private static String trimSpaces(String text) {
        int from = 0;
        int to = text.length();
        while (from < to && text.charAt(from) == ' ') {
            from++;
        }
        while (to > from && text.charAt(to - 1) == ' ') {
            to--;
        }
        return text.substring(from, to);
    }

    /** The month's bucket of a date, as {@code ledger_rollup_bucket(d, 'month')}. */
    LocalDate month(LocalDate date) {
        return LocalDate.ofEpochDay(monthBucket(date.toEpochDay()));
    }

    /** The year's bucket of a date, as {@code ledger_rollup_bucket(d, 'year')}. */
    LocalDate year(LocalDate date) {
        return LocalDate.ofEpochDay(yearBucket(date.toEpochDay()));
    }

    private long monthBucket(long day) {
        return day >= monthStart
                ? day
                : LocalDate.ofEpochDay(day).withDayOfMonth(1).toEpochDay();
    }

    private long yearBucket(long day) {
        return day >= yearStart
                ? day
                : LocalDate.ofEpochDay(day).withDayOfYear(1).toEpochDay();
    }

    /** Whether the rows can be had from the tally; when not, the rollup's trigger must count the episodes. */
    boolean usable() {
        return usable;
    }

    /** Takes an episode's arrival and, when it has ended, its departure. */
    void add(Fact f) {
        if (rows != null) {
            throw new IllegalStateException("Rollup tally: rows already taken");
        }
        if (size + STRIDE > facts.length) {
            facts = Arrays.copyOf(facts, facts.length * 2);
        }
        int at = size;
        facts[at] = streetOfPath.computeIfAbsent(f.orgPath(), p -> streets.number(street(p)));
        facts[at + 1] = categories.number(f.category());
        facts[at + 2] = sexes.number(f.sex());
        facts[at + 3] = maritals.number(f.marital() == null ? "" : f.marital());
        facts[at + 4] = educations.number(f.education() == null ? "" : f.education());
        facts[at + 5] = f.householdCode() == null
                ? provinces.number("")
                : provinceOfHousehold.computeIfAbsent(
                        f.householdCode(), h -> provinces.number(h.substring(0, Math.min(2, h.length()))));
        facts[at + 6] = f.occupation() == null
                ? occupations.number("")
                : occupationOfText.computeIfAbsent(f.occupation(), o -> occupations.number(trimSpaces(o)));
        int birthYear = f.birthDate() == null ? NO_YEAR : f.birthDate().getYear() - YEAR_BASE;
        if (f.birthDate() != null && (birthYear < 0 || birthYear >= NO_YEAR)) {
            usable = false;
        }
        facts[at + 7] = birthYear;
        facts[at + 8] = day(f.movedIn());
        facts[at + 9] = f.movedOut() == null ? NO_DATE : day(f.movedOut());
        size += STRIDE;
    }

    private int day(LocalDate date) {
        long day = date.toEpochDay() - FIRST_DAY;
        if (day < 0 || day >= 1 << 17) {
            usable = false;
            return 0;
        }
        return (int) day;
    }

    /** A key: kind 3 bits, street 12, bucket 17, category 4, k1 20, k2 8. */
    private static long key(int kind, int street, long bucket, int category, int k1, int k2) {
        return (long) kind << 61
                | (long) street << 49
                | (bucket - FIRST_DAY) << 32
                | (long) category << 28
                | (long) k1 << 8
                | k2;
    }

    /** The rollup's rows (kind, path, bucket, category, k1, k2, n), keys whose arrivals and departures cancel out left out. */
    List<Object[]> rows() {
        if (!usable) {
            throw new IllegalStateException("Rollup tally: a value beyond what its keys hold");
        }
        if (rows == null) {
            rows = group();
        }
        return rows;
    }

    private List<Object[]> group() {
        Counts counts = new Counts(1 << 16);
        for (int at = 0; at < size; at += STRIDE) {
            for (int date = 8; date <= 9; date++) {
                if (facts[at + date] == NO_DATE) {
                    continue;
                }
                int direction = date == 8 ? 1 : -1;
                long day = facts[at + date] + FIRST_DAY;
                long month = monthBucket(day);
                long year = yearBucket(day);
                int street = facts[at];
                int category = facts[at + 1];
                int sex = facts[at + 2];
                int birthYear = facts[at + 7];
                int educationYear = birthYear == NO_YEAR ? 1989 - YEAR_BASE : Math.max(birthYear, 1989 - YEAR_BASE);
                counts.add(key(1, street, month, category, 0, 0), direction);
                counts.add(key(2, street, month, category, sex, facts[at + 3]), direction);
                counts.add(key(3, street, year, category, sex, birthYear), direction);
                counts.add(key(4, street, year, category, facts[at + 4], educationYear), direction);
                counts.add(key(5, street, year, category, facts[at + 5], 0), direction);
                counts.add(key(6, street, year, category, facts[at + 6], 0), direction);
            }
        }
        List<Object[]> grouped = new ArrayList<>(counts.size);
        counts.forEach((key, n) -> {
            int kind = (int) (key >>> 61);
            int k1 = (int) (key >>> 8) & 0xFFFFF;
            int k2 = (int) key & 0xFF;
            String k1Text = switch (kind) {
                case 1 -> "";
                case 2, 3 -> sexes.text(k1);
                case 4 -> educations.text(k1);
                case 5 -> provinces.text(k1);
                default -> occupations.text(k1);
            };
            String k2Text = switch (kind) {
                case 2 -> maritals.text(k2);
                case 3, 4 -> k2 == NO_YEAR ? "" : Integer.toString(k2 + YEAR_BASE);
                default -> "";
            };
            grouped.add(new Object[] {
                String.valueOf(KINDS.charAt(kind)),
                streets.text((int) (key >>> 49) & 0xFFF),
                LocalDate.ofEpochDay(((key >>> 32) & 0x1FFFF) + FIRST_DAY),
                categories.text((int) (key >>> 28) & 0xF),
                k1Text,
                k2Text,
                n
            });
        });
        return grouped;
    }

    /** The rows as {@code COPY} text for {@link #COPY}. */
    String text() {
        List<Object[]> all = rows();
        StringBuilder out = new StringBuilder(all.size() * 64);
        for (Object[] row : all) {
            CopyText.appendLine(out, row);
        }
        return out.toString();
    }

    private interface KeySum {
        void accept(long key, int n);
    }

    /** Sums per key: open addressing over two arrays, no key being 0. */
    private static final class Counts {
        private long[] keys;
        private int[] sums;
        private int size;

        Counts(int capacity) {
            keys = new long[capacity];
            sums = new int[capacity];
        }

        void add(long key, int n) {
            int mask = keys.length - 1;
            int at = Long.hashCode(key * 0x9E3779B97F4A7C15L) & mask;
            while (keys[at] != 0 && keys[at] != key) {
                at = (at + 1) & mask;
            }
            sums[at] += n;
            if (keys[at] == 0) {
                keys[at] = key;
                if (++size * 2 > keys.length) {
                    grow();
                }
            }
        }

        private void grow() {
            long[] oldKeys = keys;
            int[] oldSums = sums;
            keys = new long[oldKeys.length * 2];
            sums = new int[oldKeys.length * 2];
            int mask = keys.length - 1;
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] != 0) {
                    int at = Long.hashCode(oldKeys[i] * 0x9E3779B97F4A7C15L) & mask;
                    while (keys[at] != 0) {
                        at = (at + 1) & mask;
                    }
                    keys[at] = oldKeys[i];
                    sums[at] = oldSums[i];
                }
            }
        }

        void forEach(KeySum action) {
            for (int i = 0; i < keys.length; i++) {
                if (keys[i] != 0 && sums[i] != 0) {
                    action.accept(keys[i], sums[i]);
                }
            }
        }
    }
}
