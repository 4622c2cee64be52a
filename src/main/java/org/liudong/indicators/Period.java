package org.liudong.indicators;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.liudong.shared.InvalidInput;

/**
 * A reporting period in DHIS2's format: a year ({@code 2013}), a quarter ({@code 2013Q2}) or a month
 * ({@code 201305}); it runs from {@code start} to {@code end}, both inclusive.
 */
public record Period(Type type, String code, LocalDate start, LocalDate end) {

    /** The kinds of period, from the longest. */
    public enum Type {
        YEAR,
        QUARTER,
        MONTH
    }

    // as typed too: 2013年, 2013q2, 2013-05
    private static final Pattern YEAR = Pattern.compile("(\\d{4})年?");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})[Qq]([1-4])");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-?(0[1-9]|1[0-2])");

    public static Period parse(String code) {
        if (code != null) {
            code = code.strip();
            Matcher m;
            if ((m = YEAR.matcher(code)).matches()) {
                return year(Integer.parseInt(m.group(1)));
            }
            if ((m = QUARTER.matcher(code)).matches()) {
                int year = Integer.parseInt(m.group(1));
                int quarter = Integer.parseInt(m.group(2));
                LocalDate start = LocalDate.of(year, quarter * 3 - 2, 1);
                return new Period(
                        Type.QUARTER,
                        year + "Q" + quarter,
                        start,
                        start.plusMonths(3).minusDays(1));
            }
            if ((m = MONTH.matcher(code)).matches()) {
                return month(YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
            }
        }
        throw new InvalidInput("period", org.liudong.shared.Refusal.of("period", code));
    }

    /**
     * The code of the period a page was asked for: {@code fallback} when none was asked, and also when the one
     * asked cannot be read, after handing its refusal to {@code refused} (the page says why on itself).
     */
    public static String codeOr(
            String asked, String fallback, java.util.function.Consumer<org.liudong.shared.InvalidInput> refused) {
        if (asked == null || asked.isBlank()) {
            return fallback;
        }
        try {
            return parse(asked).code();
        } catch (org.liudong.shared.InvalidInput e) {
            refused.accept(e);
            return fallback;
        }
    }

    public static Period year(int year) {
        if (year < 1900 || year > 2999) {
            throw new InvalidInput("period", org.liudong.shared.Refusal.of("year", year));
        }
        return new Period(Type.YEAR, String.valueOf(year), LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
    }

    public static Period month(YearMonth month) {
        return new Period(
                Type.MONTH,
                "%04d%02d".formatted(month.getYear(), month.getMonthValue()),
                month.atDay(1),
                month.atEndOfMonth());
    }

    public int yearNumber() {
        return start.getYear();
    }

    /** The year containing this period, e.g. 2013 for 2013Q2. */
    public Period enclosingYear() {
        return year(yearNumber());
    }

    /** The same period a year before. */
    public Period previousYear() {
        return parse(
                switch (type) {
                    case YEAR -> String.valueOf(yearNumber() - 1);
                    case QUARTER -> (yearNumber() - 1) + code.substring(4);
                    case MONTH -> (yearNumber() - 1) + code.substring(4);
                });
    }

    /** The months of the period, in order. */
    public List<Period> months() {
        List<Period> months = new ArrayList<>();
        for (YearMonth m = YearMonth.from(start); !m.atDay(1).isAfter(end); m = m.plusMonths(1)) {
            months.add(month(m));
        }
        return months;
    }

    /** How many months the period spans: 12, 3 or 1. */
    public int monthCount() {
        return months().size();
    }

    /** The date the period's values stand on: its end, or today while it is running. */
    public LocalDate asOf(LocalDate today) {
        return end.isAfter(today) ? today : end;
    }
}
