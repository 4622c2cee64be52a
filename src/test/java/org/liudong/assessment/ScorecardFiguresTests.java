package org.liudong.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liudong.exchange.ExchangeRecords;
import org.liudong.indicators.Period;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/** Every figure of a county's scorecard over a known history, to the unit, in month, quarter and year. */
@SpringBootTest
@Transactional
class ScorecardFiguresTests {

    static final LocalDate TODAY = LocalDate.of(2013, 7, 15);

    @Autowired
    Scorecards scorecards;

    @Autowired
    ExchangeRecords records;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    org.liudong.security.TestUsers users;

    Q2History q;
    ExchangeHistory history;

    @org.junit.jupiter.api.AfterEach
    void signOut() {
        org.springframework.security.core.context.SecurityContextHolder.clearContext();
    }

    void signInAs(org.liudong.security.Role role, String scope) {
        var user = users.create("asmt", role, scope);
        users.signIn(user.username());
    }

    @BeforeEach
    void history() {
        history = new ExchangeHistory(jdbc);
        q = new Q2History(history);
    }

    Scorecard card(String county, String period, Set<String> counterparts) {
        return scorecards.compute(
                county, Period.parse(period), counterparts, null, records.involving(List.of(Q2History.C)), TODAY);
    }

    Scorecard ours(String period) {
        return card(Q2History.C, period, Set.of(Q2History.P));
    }

    static Map<UUID, String> states(Figure figure) {
        return figure.entries().stream().collect(Collectors.toMap(Entry::messageId, Entry::state));
    }

    static void counts(Figure figure, long numerator, Long denominator, String value) {
        assertThat(figure.numerator()).as(figure.measure() + " numerator").isEqualTo(numerator);
        assertThat(figure.denominator()).as(figure.measure() + " denominator").isEqualTo(denominator);
        if (value == null) {
            assertThat(figure.value()).as(figure.measure() + " value").isNull();
        } else {
            assertThat(figure.value()).as(figure.measure() + " value").isEqualByComparingTo(value);
        }
    }

    @Test
    void inflowAreaFiguresOfTheQuarter() {
        Scorecard card = ours("2013Q2");
        Figure notified = card.figure(Measure.NOTIFIED);
        counts(notified, 3, 5L, "60.0");
        assertThat(states(notified))
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(q.n1, "ON_TIME", q.n2, "LATE", q.n3, "ON_TIME", q.n4, "MISSING", q.n6, "ON_TIME"));
        Entry n1 = notified.entries().stream()
                .filter(e -> e.messageId().equals(q.n1))
                .findFirst()
                .orElseThrow();
        assertThat(n1.deadline())
                .as("15 working days over 劳动节 with its make-up days")
                .isEqualTo("2013-05-14");
        assertThat(notified.entries().stream()
                        .filter(e -> e.messageId().equals(q.n4))
                        .findFirst()
                        .orElseThrow()
                        .deadline())
                .as("15 working days over 端午 with its make-up days")
                .isEqualTo("2013-06-25");
        assertThat(notified.status()).isEqualTo("NO_TARGET");

        Figure certificates = card.figure(Measure.CERT_CHECKED);
        counts(certificates, 1, 3L, "33.3");
        assertThat(states(certificates))
                .containsExactlyInAnyOrderEntriesOf(Map.of(q.n1, "ON_TIME", q.n2, "MISSING", q.n6, "LATE"));
        assertThat(certificates.target()).isEqualByComparingTo("85");
        assertThat(certificates.status()).isEqualTo("MISSED");

        Figure reports = card.figure(Measure.REPORTS_SENT);
        counts(reports, 2, null, null);
    }

    @Test
    void homeAreaFiguresOfTheQuarter() {
        Scorecard card = ours("2013Q2");
        Figure answered = card.figure(Measure.ANSWERED);
        counts(answered, 3, 4L, "75.0");
        assertThat(states(answered))
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(q.r1, "ANSWERED", q.r2, "ANSWERED", q.r3, "UNANSWERED", q.r5, "ANSWERED"));
        assertThat(answered.target())
                .as("PRODUCT §5.4: assistance answers ≥ 95%")
                .isEqualByComparingTo("95");
        assertThat(answered.status()).isEqualTo("MISSED");

        Figure onTime = card.figure(Measure.ANSWERED_ON_TIME);
        counts(onTime, 2, 4L, "50.0");
        assertThat(states(onTime))
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(q.r1, "ON_TIME", q.r2, "LATE", q.r3, "MISSING", q.r5, "ON_TIME"));

        Figure acknowledged = card.figure(Measure.NOTICES_ACKNOWLEDGED);
        counts(acknowledged, 1, 2L, "50.0");
        assertThat(states(acknowledged))
                .containsExactlyInAnyOrderEntriesOf(Map.of(q.i1, "ACKNOWLEDGED", q.i2, "NOT_ACKNOWLEDGED"));
    }

    @Test
    void accuracyAndOverdueItems() {
        Scorecard card = ours("2013Q2");
        Figure accuracy = card.figure(Measure.ACCURACY);
        counts(accuracy, 2, 4L, "50.0");
        assertThat(states(accuracy))
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(q.a1, "ACCURATE", q.a2, "CORRECTED", q.a5, "DISPUTED", q.cn1, "ACCURATE"));
        assertThat(accuracy.entries().stream()
                        .filter(e -> e.messageId().equals(q.a5))
                        .findFirst()
                        .orElseThrow()
                        .note())
                .isEqualTo("该妇女已生育一孩");

        Figure overdue = card.figure(Measure.OVERDUE_NOW);
        counts(overdue, 4, null, null);
        assertThat(states(overdue).keySet()).containsExactlyInAnyOrder(q.r0, q.r3, q.i2, q.n4);
        assertThat(overdue.status()).isEqualTo("MISSED");
    }

    @Test
    void monthAndYearCountTheirOwnMessages() {
        Scorecard may = ours("201305");
        counts(may.figure(Measure.NOTIFIED), 1, 1L, "100.0");
        counts(may.figure(Measure.CERT_CHECKED), 0, 0L, null);
        assertThat(may.figure(Measure.CERT_CHECKED).status()).isEqualTo("NO_DATA");
        counts(may.figure(Measure.NOTICES_ACKNOWLEDGED), 1, 1L, "100.0");
        counts(may.figure(Measure.ACCURACY), 1, 1L, "100.0");
        counts(may.figure(Measure.ANSWERED), 0, 0L, null);

        Scorecard june = ours("201306");
        counts(june.figure(Measure.ANSWERED), 2, 3L, "66.7");
        counts(june.figure(Measure.REPORTS_SENT), 1, null, null);

        Scorecard july = ours("201307");
        counts(july.figure(Measure.REPORTS_SENT), 1, null, null);
        counts(july.figure(Measure.ANSWERED), 0, 1L, "0.0");
        assertThat(states(july.figure(Measure.ANSWERED))).containsEntry(q.r4, "PENDING");

        Scorecard year = ours("2013");
        counts(year.figure(Measure.NOTIFIED), 4, 6L, "66.7");
        counts(year.figure(Measure.ANSWERED), 3, 6L, "50.0");
        counts(year.figure(Measure.REPORTS_SENT), 3, null, null);
        assertThat(year.score()).as("mean of the rates with data").isNotNull();
    }

    @Test
    void thePartnerSeenFromHereCountsItsSideOfTheSameMessages() {
        Scorecard partner = card(Q2History.P, "2013Q2", Set.of(Q2History.C));
        assertThat(partner.partner()).isTrue();
        Figure notified = partner.figure(Measure.NOTIFIED);
        counts(notified, 2, 2L, "100.0");
        Figure answered = partner.figure(Measure.ANSWERED);
        counts(answered, 0, 1L, "0.0"); // our verification v1 (due 8 June) went unanswered; v2 is due in July
        assertThat(states(answered)).containsExactlyEntriesOf(Map.of(q.v1, "UNANSWERED"));
        Figure accuracy = partner.figure(Measure.ACCURACY);
        counts(accuracy, 0, 0L, null);
    }

    @Test
    void aRequestThatNeverLeftHereDoesNotCountAgainstItsRecipient() {
        UUID stuck = history.out(
                "QUERY", Q2History.C, Q2History.P, "2013-06-03T11:00", null, "2013-06-17", null, "s-stuck", Map.of());

        Scorecard partner = card(Q2History.P, "2013Q2", Set.of(Q2History.C));

        Figure answered = partner.figure(Measure.ANSWERED);
        counts(answered, 0, 1L, "0.0");
        assertThat(states(answered)).containsExactlyInAnyOrderEntriesOf(Map.of(q.v1, "UNANSWERED", stuck, "NOT_SENT"));
        Figure onTime = partner.figure(Measure.ANSWERED_ON_TIME);
        counts(onTime, 0, 1L, "0.0");
        assertThat(states(onTime)).containsEntry(stuck, "NOT_SENT");
        Figure acknowledged = partner.figure(Measure.NOTICES_ACKNOWLEDGED);
        assertThat(states(acknowledged)).as("notice n4 never left here either").containsEntry(q.n4, "NOT_SENT");
        assertThat(acknowledged.denominator()).isEqualTo(acknowledged.entries().size() - 1L);
        assertThat(states(partner.figure(Measure.OVERDUE_NOW)).keySet())
                .as("the partner owes nothing it never received")
                .doesNotContain(stuck, q.n4);

        assertThat(states(ours("2013Q2").figure(Measure.OVERDUE_NOW)))
                .as("our own unsent notice stays overdue on our side")
                .containsKey(q.n4);
    }

    @Test
    void aStricterAgreementDeadlineAndItsFilter() {
        Agreement agreement = new Agreement(
                1,
                "豫京",
                List.of("11", "41"),
                List.of(org.liudong.exchange.MessageType.QUERY),
                List.of(),
                "t",
                java.time.Instant.now());
        Scorecard card = scorecards.compute(
                Q2History.C,
                Period.parse("2013Q2"),
                Set.of(Q2History.P),
                agreement,
                records.involving(List.of(Q2History.C)),
                TODAY);
        counts(card.figure(Measure.ANSWERED), 1, 1L, "100.0");
        counts(card.figure(Measure.ACCURACY), 1, 1L, "100.0"); // only the query's answer
        counts(card.figure(Measure.NOTIFIED), 0, 0L, null);
        assertThat(card.agreement()).isEqualTo("豫京");
        assertThat(BigDecimal.valueOf(100))
                .isEqualByComparingTo(card.figure(Measure.ANSWERED).value());
    }

    @Test
    void scorecardsGoToEachPartnerOncePerPeriodAndReadBack() {
        Period quarter = Period.parse("2013Q2");
        List<UUID> first = scorecards.send(quarter, false);
        List<Map<String, Object>> rows =
                jdbc.sql("""
                        select message_id, payload::text as payload from exchange_outbox
                        where type = 'SCORECARD' and from_county = ? and to_county = ?""").params(Q2History.C, Q2History.P).query().listOfRows();
        assertThat(rows).hasSize(1);
        assertThat(first).contains((UUID) rows.get(0).get("message_id"));
        Scorecard sent = ScorecardPayload.read((String) rows.get(0).get("payload"), "x");
        assertThat(sent.county()).isEqualTo(Q2History.C);
        assertThat(sent.period()).isEqualTo("2013Q2");
        assertThat(sent.measuredFrom()).containsExactly(Q2History.P);
        Figure notified = sent.figure(Measure.NOTIFIED);
        assertThat(notified.numerator()).isEqualTo(3);
        assertThat(notified.denominator()).isEqualTo(5);
        assertThat(notified.entries()).hasSize(5);

        List<UUID> again = scorecards.send(quarter, false);
        assertThat(again).doesNotContain((UUID) rows.get(0).get("message_id"));
        assertThat(jdbc.sql("select count(*) from exchange_outbox where type = 'SCORECARD' and to_county = ?")
                        .param(Q2History.P)
                        .query(Long.class)
                        .single())
                .as("the second run sends nothing to a partner already sent this period")
                .isEqualTo(1L);
        assertThat(Scorecards.closedBy(LocalDate.of(2013, 7, 1)))
                .extracting(Period::code)
                .containsExactly("201306", "2013Q2");
        assertThat(Scorecards.closedBy(LocalDate.of(2014, 1, 2)))
                .extracting(Period::code)
                .containsExactly("201312", "2013Q4", "2013");
    }

    @Test
    void aPartnersPageListsTheDifferencesItemByItem() {
        LocalDate today = scorecards.today();
        Scorecard theirs = scorecards.compute(
                Q2History.P,
                Period.parse("2013Q2"),
                Set.of(Q2History.C),
                null,
                records.involving(List.of(Q2History.C)),
                today);
        List<Figure> figures = new java.util.ArrayList<>();
        for (Figure f : theirs.figures()) {
            List<Entry> entries = new java.util.ArrayList<>();
            for (Entry e : f.entries()) {
                if (f.measure() == Measure.NOTIFIED && e.messageId().equals(q.i2)) {
                    continue; // they leave out a notice we received
                }
                if (f.measure() == Measure.ANSWERED && e.messageId().equals(q.v1)) {
                    e = new Entry(
                            e.messageId(),
                            e.type(),
                            e.counterpart(),
                            e.start(),
                            e.deadline(),
                            LocalDate.of(2013, 6, 7),
                            "ANSWERED",
                            true,
                            null); // they claim to have answered
                }
                entries.add(e);
            }
            figures.add(new Figure(
                    f.measure(), f.numerator(), f.denominator(), f.value(), f.target(), f.status(), entries));
        }
        Scorecard reported =
                new Scorecard(Q2History.P, Q2History.P, "2013Q2", null, null, today, false, List.of(), null, figures);
        history.in(
                "SCORECARD",
                Q2History.P,
                Q2History.C,
                "2013-07-01T08:00",
                "2013-07-01T08:01",
                null,
                null,
                null,
                ScorecardPayload.write(reported, Q2History.C));

        signInAs(org.liudong.security.Role.DISTRICT_OFFICER, "110107");
        Scorecards.PartnerView view = scorecards.partner(Q2History.P, "2013Q2");
        assertThat(view.ours().partner()).isTrue();
        assertThat(view.ours().measuredFrom()).containsExactly("110107");
        assertThat(view.theirs()).isNotNull();
        assertThat(view.differences())
                .extracting(
                        Difference::measure,
                        Difference::messageId,
                        Difference::kind,
                        Difference::ourState,
                        Difference::theirState)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(Measure.NOTIFIED, q.i2, "ONLY_OURS", "ON_TIME", null),
                        org.assertj.core.groups.Tuple.tuple(Measure.ANSWERED, q.v1, "STATE", "UNANSWERED", "ANSWERED"));
        Difference answered = view.differences().stream()
                .filter(d -> d.measure() == Measure.ANSWERED)
                .findFirst()
                .orElseThrow();
        assertThat(answered.ourDeadline()).isEqualTo("2013-06-08");
        assertThat(answered.theirDone()).isEqualTo("2013-06-07");
    }

    @Test
    void aCountyOutsideTheUsersScopeIsRefusedAndABadCodeIsInvalid() {
        signInAs(org.liudong.security.Role.DISTRICT_OFFICER, "110107");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> scorecards.scorecard("110108", "2013Q2", null))
                .isInstanceOf(org.liudong.shared.OutOfScope.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> scorecards.scorecard("11010", "2013Q2", null))
                .isInstanceOf(org.liudong.shared.InvalidInput.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> scorecards.scorecard("110107", "2013Q5", null))
                .isInstanceOf(org.liudong.shared.InvalidInput.class);
    }

    @Autowired
    ExchangeMeasures measures;

    @Test
    void theRatesAreIndicatorMeasuresForACountyAndAboveButNotForAStreet() {
        LocalDate from = LocalDate.of(2013, 4, 1);
        LocalDate to = LocalDate.of(2013, 6, 30);
        org.liudong.shared.OrgPath county = new org.liudong.shared.OrgPath("/11/110107/");
        assertThat(measures.count("EXCH_REQUESTS_ANSWERED", county, from, to)).isEqualTo(3);
        assertThat(measures.count("EXCH_REQUESTS_ON_TIME", county, from, to)).isEqualTo(2);
        assertThat(measures.count("EXCH_REQUESTS_DUE", county, from, to)).isEqualTo(4);
        assertThat(measures.count("EXCH_NOTICES", new org.liudong.shared.OrgPath("/11/"), from, to))
                .isEqualTo(5);
        assertThat(measures.count("EXCH_ANSWERS_ACCURATE", county, from, to)).isEqualTo(2);
        assertThat(measures.count(
                        "EXCH_REQUESTS_DUE", new org.liudong.shared.OrgPath("/11/110107/110107001/"), from, to))
                .isZero();
        // this test runs in one transaction, as a board or a trend does: the messages are read once and each period
        // worked out once, and every period still gets its own counts
        LocalDate july = LocalDate.of(2013, 7, 1);
        List<String> names = List.of(
                "EXCH_REQUESTS_ANSWERED",
                "EXCH_REQUESTS_ON_TIME",
                "EXCH_REQUESTS_DUE",
                "EXCH_NOTICES",
                "EXCH_NOTICES_ON_TIME",
                "EXCH_ANSWERS_ACCURATE",
                "EXCH_ANSWERS");
        List<List<Long>> periods = new java.util.ArrayList<>();
        for (LocalDate start : List.of(from, july, from)) {
            periods.add(names.stream()
                    .map(name -> measures.count(
                            name, county, start, start.plusMonths(3).minusDays(1)))
                    .toList());
        }
        assertThat(periods.get(0)).startsWith(3L, 2L, 4L).isEqualTo(periods.get(2));
        assertThat(periods.get(1)).isNotEqualTo(periods.get(0));
    }

    @Autowired
    AgreementDemoStep demoStep;

    @Autowired
    Agreements agreements;

    @Test
    void theDemoAgreementsAreAddedOnceAndTheirDeadlinesApplyBetweenMembers() {
        demoStep.run(new org.liudong.imports.demo.DemoStep.Context(1, 0.01, new long[0]));
        demoStep.run(new org.liudong.imports.demo.DemoStep.Context(1, 0.01, new long[0]));
        List<Agreement> all = agreements.all().stream()
                .filter(a -> List.of("京津冀", "苏鲁豫皖").contains(a.name()))
                .toList();
        assertThat(all).extracting(Agreement::name).containsExactlyInAnyOrder("京津冀", "苏鲁豫皖");
        LocalDate sent = LocalDate.of(2013, 6, 5);
        var assist = org.liudong.exchange.MessageType.ASSIST_REQUEST;
        var firstChild = org.liudong.exchange.MessageType.FIRST_CHILD_VERIFY;
        assertThat(agreements.due(assist, "110107", "130681", sent, false)).contains(LocalDate.of(2013, 6, 25));
        // 10 working days from 5 June 2013: 6, 7, Sat 8, Sun 9 (make-up), 10-12 端午, 13, 14, 17, 18, 19, 20
        assertThat(agreements.due(firstChild, "110107", "130681", sent, false)).contains(LocalDate.of(2013, 6, 20));
        assertThat(agreements.due(assist, "110107", "410522", sent, false))
                .as("not a member")
                .isEmpty();
        assertThat(agreements.due(org.liudong.exchange.MessageType.QUERY, "110107", "130681", sent, false))
                .as("covered but no stricter deadline")
                .isEmpty();

        // the snapshot answers as the agreements do, for every type, member or not, on working days and holidays
        var snapshot = agreements.snapshot();
        var random = new java.util.Random(20130605);
        String[] counties = {"110107", "130681", "130602", "410522", "320102", "340104", "120101", "370102", null};
        int stricter = 0;
        for (int i = 0; i < 400; i++) {
            var type = org.liudong.exchange.MessageType.values()[
                    random.nextInt(org.liudong.exchange.MessageType.values().length)];
            String from = counties[random.nextInt(counties.length)];
            String to = counties[random.nextInt(counties.length)];
            LocalDate on = LocalDate.of(2011, 1, 1).plusDays(random.nextInt(1095));
            var live = agreements.due(type, from, to, on, false);
            assertThat(snapshot.due(type, from, to, on, false))
                    .as("%s from %s to %s on %s", type, from, to, on)
                    .isEqualTo(live);
            stricter += live.isPresent() ? 1 : 0;
        }
        assertThat(stricter).as("some answers set a deadline").isGreaterThan(10);
    }
}
