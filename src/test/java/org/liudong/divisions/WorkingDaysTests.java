package org.liudong.divisions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.liudong.shared.InvalidInput;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest
class WorkingDaysTests {

    @Autowired
    WorkingDays workingDays;

    @Test
    void treatsNationalDayAsAHoliday() {
        assertThat(workingDays.isWorkingDay(LocalDate.of(2024, 10, 1))).isFalse();
        assertThat(workingDays.isWorkingDay(LocalDate.of(2024, 10, 7))).isFalse();
    }

    @Test
    void treatsListedWeekendMakeUpDaysAsWorkingDays() {
        assertThat(LocalDate.of(2024, 10, 12).getDayOfWeek()).hasToString("SATURDAY");
        assertThat(workingDays.isWorkingDay(LocalDate.of(2024, 10, 12))).isTrue();
        assertThat(workingDays.isWorkingDay(LocalDate.of(2024, 9, 29))).isTrue();
    }

    @Test
    void treatsAnUnlistedSaturdayAsARestDay() {
        // 2024-09-28 is a Saturday the 2024 notice does not make a working day.
        assertThat(workingDays.isWorkingDay(LocalDate.of(2024, 9, 28))).isFalse();
        assertThat(workingDays.isWorkingDay(LocalDate.of(2024, 9, 27))).isTrue();
    }

    @Test
    void countsWorkingDaysAcrossNationalDay() {
        // 9-30 (Mon) is the 1st after 9-29; 10-1..10-7 are holidays; 10-8 is the 2nd.
        assertThat(workingDays.plusWorkingDays(LocalDate.of(2024, 9, 29), 2)).isEqualTo(LocalDate.of(2024, 10, 8));
        // 10-8..10-11 are four, Saturday 10-12 is the fifth.
        assertThat(workingDays.plusWorkingDays(LocalDate.of(2024, 9, 30), 5)).isEqualTo(LocalDate.of(2024, 10, 12));
        assertThat(workingDays.plusWorkingDays(LocalDate.of(2024, 10, 8), -1)).isEqualTo(LocalDate.of(2024, 9, 30));
        assertThat(workingDays.plusWorkingDays(LocalDate.of(2024, 10, 8), -2)).isEqualTo(LocalDate.of(2024, 9, 29));
    }

    @Test
    void returnsTheStartDateForZeroDaysEvenOnAHoliday() {
        assertThat(workingDays.plusWorkingDays(LocalDate.of(2024, 10, 1), 0)).isEqualTo(LocalDate.of(2024, 10, 1));
    }

    @Test
    void fallsBackToMondayToFridayOutsideTheCalendar() {
        assertThat(workingDays.covers(LocalDate.of(2004, 1, 1))).isTrue();
        assertThat(workingDays.covers(LocalDate.of(2026, 12, 31))).isTrue();
        assertThat(workingDays.covers(LocalDate.of(2027, 1, 1))).isFalse();
        assertThat(workingDays.covers(LocalDate.of(2003, 12, 31))).isFalse();
        assertThat(workingDays.isWorkingDay(LocalDate.of(2030, 10, 1))).isTrue();
        assertThat(workingDays.plusWorkingDays(LocalDate.of(2030, 1, 4), 1)).isEqualTo(LocalDate.of(2030, 1, 7));
    }

    @Test
    void rejectsCountsBeyondTenYears() {
        assertThat(workingDays.plusWorkingDays(LocalDate.of(2024, 1, 1), -3660)).isBefore(LocalDate.of(2010, 1, 1));
        assertThatThrownBy(() -> workingDays.plusWorkingDays(LocalDate.of(2024, 1, 1), 3661))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> workingDays.plusWorkingDays(LocalDate.of(2024, 1, 1), Integer.MIN_VALUE))
                .isInstanceOf(InvalidInput.class);
    }
}
