package org.liudong.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liudong.assessment.Figure;
import org.liudong.assessment.Measure;
import org.liudong.assessment.Scorecard;
import org.liudong.assessment.Scorecards;
import org.liudong.imports.demo.DemoDistrict;
import org.liudong.security.Role;
import org.liudong.security.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The demo's exchange history on a small district (0.5% of Shijingshan), rolled back afterwards: the district's
 * and a home county's scorecards have real figures with late and missing items, and the answer made late on
 * purpose shows as late in the home county's on-time figure.
 */
@SpringBootTest
class ExchangeDemoTests {

    private static final double SCALE = 0.005;

    @Autowired
    DemoDistrict district;

    @Autowired
    ExchangeDemo demo;

    @Autowired
    Scorecards scorecards;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    org.springframework.context.MessageSource messages;

    @Autowired
    PlatformTransactionManager transactions;

    @BeforeEach
    void signIn() {
        var user = users.create("xdemo", Role.DISTRICT_OFFICER, "110107");
        users.signIn(user.username());
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    /** The queries received so far; only those without the person's ID number and name or the question. */
    private long queries(boolean incomplete) {
        return jdbc.sql("select count(*) from exchange_inbox where type = 'QUERY'"
                        + (incomplete
                                ? " and (payload ->> 'idNumber' is null or payload ->> 'name' is null"
                                        + " or payload ->> 'question' is null)"
                                : ""))
                .query(Long.class)
                .single();
    }

    @Test
    void theDemoHistoryGivesBothSidesRealScorecardsWithTheLateAnswerLate() {
        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            tx.setRollbackOnly();
            long queriesBefore = queries(false);
            long incompleteBefore = queries(true);
            long[] ids = district.generate(8150L, SCALE, false).personIds();
            ExchangeDemo.Summary summary = demo.generate(8150L, ids);
            assertThat(summary.outgoing()).isGreaterThan(100);
            assertThat(summary.incoming()).isGreaterThan(50);
            assertThat(summary.lateAnswer()).isNotNull();
            assertThat(summary.lateAnswerFrom()).matches("1306\\d\\d|4116\\d\\d");
            // every field the demo's messages carry has a label on the message page, in both languages
            List<String> fields = jdbc.sql("""
                            select distinct jsonb_object_keys(payload) from exchange_inbox where payload is not null
                            union select distinct jsonb_object_keys(payload) from exchange_outbox where payload is not null""").query(String.class).list();
            assertThat(fields).contains("idNumber", "question", "topic", "result");
            List<String> unlabelled = new java.util.ArrayList<>();
            for (String field : fields) {
                for (var locale : List.of(java.util.Locale.SIMPLIFIED_CHINESE, java.util.Locale.ENGLISH)) {
                    if (messages.getMessage("exchange.field." + field, null, null, locale) == null) {
                        unlabelled.add(field + " " + locale);
                    }
                }
            }
            assertThat(unlabelled).isEmpty();
            // the demo's queries name the person they ask about, as the payload rules require of a real one (other
            // tests' messages share the database, so the demo's are told apart by counting before and after)
            assertThat(queries(false)).isGreaterThan(queriesBefore);
            assertThat(queries(true)).isEqualTo(incompleteBefore);

            Scorecard own = scorecards.scorecard("110107", "2012", null);
            Figure notified = own.figure(Measure.NOTIFIED);
            assertThat(notified.denominator()).isGreaterThan(20);
            assertThat(notified.value()).isBetween(new java.math.BigDecimal("75"), new java.math.BigDecimal("99.9"));
            assertThat(notified.entries()).anyMatch(e -> "LATE".equals(e.state()));
            Figure certificates = own.figure(Measure.CERT_CHECKED);
            assertThat(certificates.denominator()).isPositive();
            assertThat(certificates.numerator()).isPositive().isLessThan(certificates.denominator());
            assertThat(own.figure(Measure.REPORTS_SENT).numerator()).isPositive();
            assertThat(own.figure(Measure.ANSWERED).denominator()).isPositive();

            LocalDate due = jdbc.sql("select due from exchange_outbox where message_id = ?")
                    .param(summary.lateAnswer())
                    .query(LocalDate.class)
                    .single();
            Scorecard partner = scorecards.scorecard(summary.lateAnswerFrom(), String.valueOf(due.getYear()), null);
            Figure answered = partner.figure(Measure.ANSWERED);
            assertThat(answered.numerator()).isPositive();
            assertThat(answered.denominator()).isPositive();
            List<UUID> late = partner.figure(Measure.ANSWERED_ON_TIME).entries().stream()
                    .filter(e -> "LATE".equals(e.state()))
                    .map(e -> e.messageId())
                    .toList();
            assertThat(late).contains(summary.lateAnswer());
        });
    }
}
