package org.liudong.divisions.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.liudong.divisions.WorkingDays;
import org.liudong.shared.InvalidInput;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The working-day calendar over REST. */
@RestController
@RequestMapping("/api/v1/calendar")
@Tag(name = "Calendar", description = "Working days (工作日) with public holidays and make-up days (调休)")
class CalendarController {

    private final WorkingDays workingDays;

    CalendarController(WorkingDays workingDays) {
        this.workingDays = workingDays;
    }

    @GetMapping("/add-working-days")
    @Operation(summary = "The date a number of working days after (or, if negative, before) a date")
    DateAnswer addWorkingDays(@RequestParam String from, @RequestParam String days) {
        return new DateAnswer(workingDays
                .plusWorkingDays(date("from", from), count("days", days))
                .toString());
    }

    @GetMapping("/working-day")
    @Operation(summary = "Whether a date is a working day, and whether the calendar covers its year")
    WorkingDayAnswer workingDay(@RequestParam String date) {
        LocalDate day = date("date", date);
        return new WorkingDayAnswer(day.toString(), workingDays.isWorkingDay(day), workingDays.covers(day));
    }

    /** ISO_LOCAL_DATE resolves strictly, so 2024-02-30 is rejected rather than moved to the 29th. */
    private static LocalDate date(String field, String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidInput(field, field + " must be a date as YYYY-MM-DD, not " + text);
        }
    }

    private static int count(String field, String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new InvalidInput(field, field + " must be a whole number, not " + text);
        }
    }

    record DateAnswer(String date) {}

    record WorkingDayAnswer(String date, boolean workingDay, boolean calendarCovered) {}
}
