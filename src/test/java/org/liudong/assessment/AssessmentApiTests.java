package org.liudong.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.liudong.security.Role;
import org.liudong.security.TestUsers;
import org.liudong.support.ApiClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The assessment's API over a committed history (removed afterwards): scorecards, league, disputes, agreements. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AssessmentApiTests {

    @LocalServerPort
    int port;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    ExchangeHistory history;
    Q2History q;
    UUID theirAnswer;
    ApiClient api;
    String district;
    String clerk;
    String leader;

    @BeforeAll
    void history() {
        history = new ExchangeHistory(jdbc);
        q = new Q2History(history);
        theirAnswer = history.in(
                "CERTIFICATE_ANSWER",
                Q2History.P,
                Q2History.C,
                "2013-06-20T09:00",
                "2013-06-20T09:01",
                null,
                q.v1,
                "s-n1",
                java.util.Map.of("result", "CONFIRMED"));
    }

    @AfterAll
    void clean() {
        jdbc.sql("delete from exchange_outbox where type = 'DISPUTE' and in_reply_to = ?")
                .param(theirAnswer)
                .update();
        jdbc.sql("delete from cooperation_agreement where name like 'API-%'").update();
        history.delete();
    }

    @BeforeEach
    void signIn() {
        api = new ApiClient(port);
        district = api.token(users.ready("asmt-d", Role.DISTRICT_OFFICER, "110107"));
        clerk = api.token(users.ready("asmt-c", Role.EXCHANGE_CLERK, "110107"));
        leader = api.token(users.ready("asmt-l", Role.LEADER, "110107"));
    }

    JsonNode figure(JsonNode card, String role, String measure) {
        for (JsonNode f : card.path("roles").path(role)) {
            if (measure.equals(f.path("measure").asString())) {
                return f;
            }
        }
        throw new AssertionError("no " + measure + " in " + card);
    }

    @Test
    void aScorecardGivesBothRolesWithNumeratorDenominatorTargetStatusAndFormula() {
        var answer = api.get("/api/v1/assessment/scorecards?county=110107&period=2013Q2", leader);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode card = answer.json();
        assertThat(card.path("partner").asBoolean()).isFalse();
        JsonNode answered = figure(card, "HOME", "ANSWERED");
        assertThat(answered.path("numerator").asLong()).isEqualTo(3);
        assertThat(answered.path("denominator").asLong()).isEqualTo(4);
        assertThat(answered.path("value").decimalValue()).isEqualByComparingTo("75.0");
        assertThat(answered.path("target").decimalValue()).isEqualByComparingTo("95");
        assertThat(answered.path("status").asString()).isEqualTo("MISSED");
        assertThat(answered.path("formula").asString()).contains("÷");
        JsonNode certificates = figure(card, "INFLOW", "CERT_CHECKED");
        assertThat(certificates.path("numerator").asLong()).isEqualTo(1);
        assertThat(certificates.path("denominator").asLong()).isEqualTo(3);
        assertThat(figure(card, "BOTH", "ACCURACY").path("value").decimalValue())
                .isEqualByComparingTo("50.0");

        JsonNode partner = api.get("/api/v1/assessment/scorecards?county=419901&period=2013Q2", district)
                .json();
        assertThat(partner.path("partner").asBoolean()).isTrue();
        assertThat(figure(partner, "INFLOW", "NOTIFIED").path("numerator").asLong())
                .isEqualTo(2);

        assertThat(api.get("/api/v1/assessment/scorecards?county=110108&period=2013Q2", district)
                        .status())
                .isEqualTo(403);
        var bad = api.get("/api/v1/assessment/scorecards?county=110107&period=2013Q9", district);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("period");
    }

    @Test
    void theLeagueRanksOwnAndPartnerCountiesWithTrendAndWorstItems() {
        var answer = api.get("/api/v1/assessment/league?period=2013Q2", district);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode rows = answer.json().path("rows");
        JsonNode own = null;
        JsonNode partner = null;
        for (JsonNode row : rows) {
            if ("110107".equals(row.path("county").asString())) {
                own = row;
            }
            if ("419901".equals(row.path("county").asString())) {
                partner = row;
            }
        }
        assertThat(own).isNotNull();
        assertThat(partner).isNotNull();
        assertThat(partner.path("partner").asBoolean()).isTrue();
        assertThat(own.path("trend").propertyNames()).containsExactly("2012Q3", "2012Q4", "2013Q1");
        assertThat(own.path("worst").toString()).contains("CERT_CHECKED");
        // the league resolves all counties' targets together: each figure has the target and status of the
        // county's own scorecard
        for (JsonNode row : List.of(own, partner)) {
            JsonNode card = api.get(
                            "/api/v1/assessment/scorecards?county="
                                    + row.path("county").asString() + "&period=2013Q2",
                            district)
                    .json();
            java.util.Map<String, String> single = new java.util.TreeMap<>();
            card.path("roles")
                    .forEach(role -> role.forEach(f -> single.put(
                            f.path("measure").asString(),
                            f.path("target").toString() + " " + f.path("status").asString())));
            java.util.Map<String, String> inLeague = new java.util.TreeMap<>();
            row.path("figures")
                    .forEach(f -> inLeague.put(
                            f.path("measure").asString(),
                            f.path("target").toString() + " " + f.path("status").asString()));
            assertThat(inLeague).isEqualTo(single);
            assertThat(inLeague.values()).anyMatch(v -> v.startsWith("95.0 "));
        }
        assertThat(own.path("score").decimalValue())
                .as("mean of 60.0, 33.3, 75.0, 50.0, 50.0, 50.0")
                .isEqualByComparingTo("53.1");
        // competition ranking: equal scores share a rank, the next one skips; no score, no rank (0), listed last
        java.math.BigDecimal previous = null;
        int position = 0;
        int previousRank = 0;
        boolean unscored = false;
        for (JsonNode row : rows) {
            position++;
            if (row.path("score").isNull()) {
                unscored = true;
                assertThat(row.path("rank").asInt()).isZero();
                continue;
            }
            assertThat(unscored).as("scored counties come first").isFalse();
            java.math.BigDecimal score = row.path("score").decimalValue();
            if (previous != null) {
                assertThat(score).isLessThanOrEqualTo(previous);
            }
            int expected = previous != null && score.compareTo(previous) == 0 ? previousRank : position;
            assertThat(row.path("rank").asInt()).isEqualTo(expected);
            previous = score;
            previousRank = expected;
        }
    }

    @Test
    void anAnswerReceivedCanBeDisputedOnceWithAReason() {
        var noReason =
                api.post("/api/v1/assessment/disputes", "{\"answer\":\"" + theirAnswer + "\",\"reason\":\" \"}", clerk);
        assertThat(noReason.status()).isEqualTo(400);
        var ownAnswer =
                api.post("/api/v1/assessment/disputes", "{\"answer\":\"" + q.a1 + "\",\"reason\":\"x\"}", clerk);
        assertThat(ownAnswer.status())
                .as("our own answer cannot be disputed here")
                .isEqualTo(400);
        var first = api.post(
                "/api/v1/assessment/disputes", "{\"answer\":\"" + theirAnswer + "\",\"reason\":\"证明已过期\"}", clerk);
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(jdbc.sql("""
                        select count(*) from exchange_outbox where type = 'DISPUTE' and in_reply_to = ?
                          and from_county = '110107' and to_county = '419901' and payload->>'reason' = '证明已过期'""").param(theirAnswer).query(Long.class).single()).isEqualTo(1L);
        var second = api.post(
                "/api/v1/assessment/disputes", "{\"answer\":\"" + theirAnswer + "\",\"reason\":\"again\"}", clerk);
        assertThat(second.status()).isEqualTo(400);
        assertThat(api.post(
                                "/api/v1/assessment/disputes",
                                "{\"answer\":\"" + theirAnswer + "\",\"reason\":\"x\"}",
                                leader)
                        .status())
                .isEqualTo(403);
    }

    @Test
    void agreementsAreRecordedWholeOrNotAtAll() {
        String body = """
                {"name":"API-京津冀","members":["11","12","13"],"types":["ASSIST_REQUEST","QUERY"],
                 "deadlines":[{"type":"QUERY","days":10,"workingDays":true}]}""";
        var created = api.post("/api/v1/cooperation/agreements", body, district);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("members").toString()).isEqualTo("[\"11\",\"12\",\"13\"]");
        assertThat(api.post("/api/v1/cooperation/agreements", body, district).status())
                .as("the name is taken")
                .isEqualTo(400);
        assertThat(api.post("/api/v1/cooperation/agreements", body.replace("API-京津冀", "API-x"), leader)
                        .status())
                .isEqualTo(403);
        String badDeadline = """
                {"name":"API-bad","members":["11","41"],"types":["QUERY"],
                 "deadlines":[{"type":"ASSIST_REQUEST","days":10,"workingDays":false}]}""";
        var refused = api.post("/api/v1/cooperation/agreements", badDeadline, district);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("不在协议的信息类型中");
        assertThat(api.post("/api/v1/cooperation/agreements", "{\"name\":\"API-one\",\"members\":[\"11\"]}", district)
                        .status())
                .isEqualTo(400);
        assertThat(api.post(
                                "/api/v1/cooperation/agreements",
                                "{\"name\":\"API-code\",\"members\":[\"11\",\"4105\"]}",
                                district)
                        .status())
                .isEqualTo(400);
        assertThat(jdbc.sql(
                                "select count(*) from cooperation_agreement where name in ('API-bad', 'API-one', 'API-code')")
                        .query(Long.class)
                        .single())
                .isZero();
        var list = api.get("/api/v1/cooperation/agreements", clerk);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains("API-京津冀");
        long id = created.json().path("id").asLong();
        var filtered = api.get("/api/v1/assessment/league?period=2013Q2&agreement=" + id, district);
        assertThat(filtered.status()).isEqualTo(200);
        for (JsonNode row : filtered.json().path("rows")) {
            assertThat(row.path("county").asString()).startsWith("1");
        }
        assertThat(filtered.json().path("agreement").asString()).isEqualTo("API-京津冀");
    }
}
