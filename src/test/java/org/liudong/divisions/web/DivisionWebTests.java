package org.liudong.divisions.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liudong.divisions.Divisions;
import org.liudong.divisions.WorkingDays;
import org.liudong.shared.DomainException;
import org.liudong.shared.InvalidInput;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

@SpringBootTest
class DivisionWebTests {

    @Autowired
    Divisions divisions;

    @Autowired
    WorkingDays workingDays;

    MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.standaloneSetup(new DivisionController(divisions), new CalendarController(workingDays))
                .setControllerAdvice(new ProblemsForTests())
                .build();
    }

    @Test
    void answersADivisionAsJson() throws Exception {
        mvc.perform(get("/api/v1/divisions/110107"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.code").value("110107"))
                .andExpect(jsonPath("$.name").value("石景山区"))
                .andExpect(jsonPath("$.level").value("COUNTY"))
                .andExpect(jsonPath("$.type").value("DISTRICT"))
                .andExpect(jsonPath("$.parentCode").value("1101"))
                .andExpect(jsonPath("$.historical").value(false));
    }

    @Test
    void answersAnAbolishedCountyAsHistorical() throws Exception {
        mvc.perform(get("/api/v1/divisions/110228"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.type").value("COUNTY"))
                .andExpect(jsonPath("$.historical").value(true));
    }

    @Test
    void listsTheChildrenOfADivision() throws Exception {
        mvc.perform(get("/api/v1/divisions/110107/children"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(9))
                .andExpect(jsonPath("$[0].level").value("TOWNSHIP"))
                .andExpect(jsonPath("$[0].parentCode").value("110107"));
    }

    @Test
    void answersNotFoundForAnUnknownProvinceAndBadRequestForAMalformedCode() throws Exception {
        mvc.perform(get("/api/v1/divisions/990101")).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/divisions/11A107")).andExpect(status().isBadRequest());
    }

    @Test
    void addsWorkingDaysAcrossNationalDay() throws Exception {
        mvc.perform(get("/api/v1/calendar/add-working-days")
                        .param("from", "2024-09-29")
                        .param("days", "2"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.date").value("2024-10-08"));
    }

    @Test
    void saysWhetherADayIsAWorkingDay() throws Exception {
        mvc.perform(get("/api/v1/calendar/working-day").param("date", "2024-10-12"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.date").value("2024-10-12"))
                .andExpect(jsonPath("$.workingDay").value(true))
                .andExpect(jsonPath("$.calendarCovered").value(true));
        mvc.perform(get("/api/v1/calendar/working-day").param("date", "2031-10-01"))
                .andExpect(jsonPath("$.workingDay").value(true))
                .andExpect(jsonPath("$.calendarCovered").value(false));
    }

    @Test
    void rejectsImpossibleDatesNamingTheField() throws Exception {
        mvc.perform(get("/api/v1/calendar/working-day").param("date", "2024-02-30"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("date"));
        mvc.perform(get("/api/v1/calendar/add-working-days")
                        .param("from", "2024-13-01")
                        .param("days", "1"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("from"));
        mvc.perform(get("/api/v1/calendar/add-working-days")
                        .param("from", "2024-10-01")
                        .param("days", "x"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("days"));
    }

    /** Stands in for the web layer's advice, which maps domain exceptions to problem details. */
    @RestControllerAdvice
    static class ProblemsForTests {

        @ExceptionHandler(DomainException.class)
        ResponseEntity<ProblemDetail> problem(DomainException e) {
            ProblemDetail problem =
                    ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(e.status()), e.getMessage());
            if (e instanceof InvalidInput invalid) {
                problem.setProperty("field", invalid.field());
            }
            return ResponseEntity.status(e.status()).body(problem);
        }
    }
}
