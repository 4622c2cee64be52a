package org.liudong.assessment;

import static org.liudong.assessment.ExchangeHistory.person;

import java.util.Map;
import java.util.UUID;

/**
 * The second quarter of 2013 between county {@code C} (served here) and a partner {@code P}, with known
 * on-time, late, missing, corrected and disputed items. Deadlines span 清明 (4–6 April, make-up day Sunday
 * 7 April), 劳动节 (29 April–1 May, make-up days 27–28 April) and 端午 (10–12 June, make-up days 8–9 June),
 * worked out by hand below. "Today" is 2013-07-15.
 */
final class Q2History {

    static final String C = "110107";
    static final String P = "419901";

    UUID n1, n2, n3, n4, n5, n6, v1, v2;
    UUID r0, r1, r2, r3, r4, r5, a1, a2, a5, i1, i2, cn1, cc1, dispute;

    Q2History(ExchangeHistory h) {
        // As inflow area: inflow notices C -> P. The limit is 15 working days after the day created.
        // 2013-04-22 + 15 wd: 23,24,25,26, Sat 27 and Sun 28 (make-up), 29-30 Apr and 1 May off, 2,3,6..10,13,14 May
        // -> 2013-05-14 (a plain Monday-Friday count would give 13 May).
        n1 = h.out(
                "INFLOW_NOTICE",
                C,
                P,
                "2013-04-22T10:00",
                "2013-05-14T17:00",
                "2013-05-14",
                null,
                "s-n1",
                person("2", "1990-05-01", "2013-04-20")); // on time on the last day; woman 22
        n2 = h.out(
                "INFLOW_NOTICE",
                C,
                P,
                "2013-04-22T11:00",
                "2013-05-15T09:00",
                "2013-05-14",
                null,
                "s-n2",
                person("2", "1963-04-21", "2013-04-20")); // a day late; woman aged 49 (50 the next day)
        n3 = h.out(
                "INFLOW_NOTICE",
                C,
                P,
                "2013-05-20T09:00",
                "2013-05-20T09:01",
                "2013-06-07",
                null,
                "s-n3",
                person("1", "1985-01-01", "2013-05-18")); // on time; a man
        // 2013-06-03 + 15 wd: 4,5,6,7, Sat 8 and Sun 9 (make-up), 10-12 off, 13,14,17..21,24,25 -> 2013-06-25
        n4 = h.out(
                "INFLOW_NOTICE",
                C,
                P,
                "2013-06-03T09:00",
                null,
                "2013-06-25",
                null,
                "s-n4",
                person("2", "1963-04-20", "2013-06-01")); // never sent; woman aged 50: not counted for certificates
        n5 = h.out(
                "INFLOW_NOTICE",
                C,
                P,
                "2013-03-29T09:00",
                "2013-03-29T09:05",
                "2013-04-19",
                null,
                "s-n5",
                person("1", "1980-01-01", "2013-03-28")); // first quarter
        n6 = h.out(
                "INFLOW_NOTICE",
                C,
                P,
                "2013-06-03T10:00",
                "2013-06-03T10:01",
                "2013-06-25",
                null,
                "s-n6",
                person("2", "1995-06-01", "2013-06-01")); // on time; woman turning 18 on arrival
        // Certificate verifications: within 30 days of arrival (20 April -> 20 May; 1 June -> 1 July).
        v1 = h.out(
                "CERTIFICATE_VERIFY",
                C,
                P,
                "2013-05-20T16:00",
                "2013-05-20T16:00",
                "2013-06-08",
                null,
                "s-n1",
                Map.of());
        v2 = h.out(
                "CERTIFICATE_VERIFY",
                C,
                P,
                "2013-07-02T09:00",
                "2013-07-02T09:00",
                "2013-07-23",
                null,
                "s-n6",
                Map.of());
        // Reports: two in the quarter (the second at 23:30 on 30 June, China time), one just after midnight.
        h.out("CONTRACEPTION_REPORT", C, P, "2013-04-10T09:00", "2013-04-10T09:00", null, null, "s-r1", Map.of());
        h.out("CONTRACEPTION_REPORT", C, P, "2013-06-30T23:30", "2013-06-30T23:30", null, null, "s-r2", Map.of());
        h.out("CONTRACEPTION_REPORT", C, P, "2013-07-01T00:10", "2013-07-01T00:10", null, null, "s-r3", Map.of());

        // As home area: requests P -> C with their signed deadlines.
        r0 = h.in("QUERY", P, C, "2013-03-01T09:00", "2013-03-01T09:01", "2013-03-22", null, "s-q0", Map.of());
        // 2013-04-03 + 15 wd: 4-6 off, Sun 7 (make-up), 8..12, 15..19, 22..25 -> 2013-04-25
        r1 = h.in("QUERY", P, C, "2013-04-03T09:00", "2013-04-03T09:01", "2013-04-25", null, "s-q1", Map.of());
        a1 = h.out(
                "QUERY_ANSWER",
                C,
                P,
                "2013-04-25T17:30",
                "2013-04-25T17:30",
                null,
                r1,
                "s-q1",
                Map.of("result", "CONFIRMED"));
        r2 = h.in("ASSIST_REQUEST", P, C, "2013-05-02T09:00", "2013-05-02T09:01", "2013-06-01", null, "s-q2", Map.of());
        a2 = h.out(
                "ASSIST_FEEDBACK",
                C,
                P,
                "2013-06-03T09:00",
                "2013-06-03T09:00",
                null,
                r2,
                "s-q2",
                Map.of("result", "DONE")); // late
        // 2013-06-05 + 15 wd: 6,7, Sat 8, Sun 9, 10-12 off, 13,14,17..21,24..27 -> 2013-06-27
        r3 = h.in(
                "CERTIFICATE_VERIFY",
                P,
                C,
                "2013-06-05T09:00",
                "2013-06-05T09:01",
                "2013-06-27",
                null,
                "s-q3",
                Map.of()); // never answered
        r4 = h.in("BIRTH_NOTICE", P, C, "2013-06-20T09:00", "2013-06-20T09:01", "2013-07-20", null, "s-q4", Map.of());
        r5 = h.in(
                "FIRST_CHILD_VERIFY",
                P,
                C,
                "2013-06-07T09:00",
                "2013-06-07T09:01",
                "2013-06-28",
                null,
                "s-q5",
                Map.of());
        a5 = h.out(
                "FIRST_CHILD_ANSWER",
                C,
                P,
                "2013-06-28T18:00",
                "2013-06-28T18:00",
                null,
                r5,
                "s-q5",
                Map.of("result", "CONFIRMED")); // on time on the last day, then disputed
        dispute = h.in(
                "DISPUTE",
                P,
                C,
                "2013-07-03T09:00",
                "2013-07-03T09:01",
                null,
                a5,
                "s-q5",
                Map.of("reason", "该妇女已生育一孩"));
        // Inflow notices P -> C (C as home area acknowledges them with a change notice).
        i1 = h.in(
                "INFLOW_NOTICE",
                P,
                C,
                "2013-05-06T09:00",
                "2013-05-06T09:01",
                "2013-05-27",
                null,
                "s-i1",
                person("2", "1988-01-01", "2013-05-01"));
        cn1 = h.out(
                "CHANGE_NOTICE",
                C,
                P,
                "2013-05-10T09:00",
                "2013-05-10T09:00",
                null,
                i1,
                "s-i1",
                Map.of("result", "CONFIRMED"));
        i2 = h.in(
                "INFLOW_NOTICE",
                P,
                C,
                "2013-06-14T09:00",
                "2013-06-14T09:01",
                "2013-07-05",
                null,
                "s-i2",
                person("1", "1988-01-01", "2013-06-10"));
        // C corrects its assistance feedback a week later: the feedback counts as not accurate.
        cc1 = h.out(
                "CHANGE_NOTICE",
                C,
                P,
                "2013-06-10T09:00",
                "2013-06-10T09:00",
                null,
                null,
                "s-q2",
                Map.of("note", "更正"));
    }
}
