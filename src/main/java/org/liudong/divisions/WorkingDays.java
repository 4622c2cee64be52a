package org.liudong.divisions;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.liudong.shared.InvalidInput;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The working-day calendar (工作日): Monday to Friday unless a public holiday, plus the weekend make-up working
 * days (调休) of the State Council's notices; years outside the loaded calendar fall back to Monday to Friday.
 */
@Service
public class WorkingDays {

    /** Ten years of working days is far beyond any deadline; a larger count is a mistake. */
    static final int MAX_DAYS = 3660;

    /** true for a make-up working day, false for a holiday. */
    private final Map<LocalDate, Boolean> exceptions = new HashMap<>();

    private final int firstYear;
    private final int lastYear;

    /** Takes {@link ReferenceData} so that the calendar is loaded before it is read. */
    WorkingDays(JdbcClient jdbc, ReferenceData referenceData) {
        jdbc.sql("select day, kind from calendar_day").query(rs -> {
            exceptions.put(rs.getObject("day", LocalDate.class), "workday".equals(rs.getString("kind")));
        });
        this.firstYear =
                exceptions.keySet().stream().mapToInt(LocalDate::getYear).min().orElse(0);
        this.lastYear =
                exceptions.keySet().stream().mapToInt(LocalDate::getYear).max().orElse(-1);
    }

    public boolean isWorkingDay(LocalDate date) {
        if (date == null) {
            throw new InvalidInput("date", "A date is required");
        }
        Boolean exception = exceptions.get(date);
        if (exception != null) {
            return exception;
        }
        return date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    /**
     * The {@code n}-th working day after {@code from} ({@code from} itself not counted), or before it when
     * {@code n} is negative; {@code from} itself when {@code n} is 0, whether or not it is a working day.
     */
    public LocalDate plusWorkingDays(LocalDate from, int n) {
        if (from == null) {
            throw new InvalidInput("from", "A start date is required");
        }
        if (Math.abs((long) n) > MAX_DAYS) {
            throw new InvalidInput("days", n + " working days is more than the limit of " + MAX_DAYS);
        }
        int step = n < 0 ? -1 : 1;
        LocalDate date = from;
        for (int remaining = Math.abs(n); remaining > 0; ) {
            date = date.plusDays(step);
            if (isWorkingDay(date)) {
                remaining--;
            }
        }
        return date;
    }

    /** Whether the loaded calendar covers this date's year, so that its holidays are known. */
    public boolean covers(LocalDate date) {
        return date != null && date.getYear() >= firstYear && date.getYear() <= lastYear;
    }
}
