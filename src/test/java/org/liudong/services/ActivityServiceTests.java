package org.liudong.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liudong.security.Role;
import org.liudong.security.TestUsers;
import org.liudong.support.ApiClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Recording a service for all attendees of a site activity, each judged on their own eligibility. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ActivityServiceTests {

    @LocalServerPort
    int port;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;
    String officer;
    String provider;
    final JsonMapper json = JsonMapper.builder().build();
    final LocalDate today = LocalDate.now();

    @BeforeEach
    void signIn() {
        api = new ApiClient(port);
        officer = api.token(users.ready("actofficer", Role.DISTRICT_OFFICER, "110107"));
        provider = api.token(users.ready("actprovider", Role.SERVICE_PROVIDER, "110107001"));
    }

    long register(Map<String, Object> body) {
        var answer = api.post("/api/v1/persons", json.writeValueAsString(body), officer);
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.json().get("id").asLong();
    }

    /** A site in the persons' community with one eugenic-check lecture the persons attended. */
    long[] siteAndActivity(List<Long> persons, int headcount) {
        Map<String, Object> site = new HashMap<>();
        site.put("communityCode", ServiceApiTests.COMMUNITY);
        site.put("name", "优生讲座站" + System.nanoTime() % 10000);
        site.put("model", "COMMUNITY");
        site.put("stationName", "新居民温馨驿站");
        site.put("address", "八宝山路1号");
        site.put("estimatedHeadcount", 50);
        site.put("capacity", 40);
        site.put("establishedOn", "2011-03-01");
        var opened = api.post("/api/v1/sites", json.writeValueAsString(site), officer);
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        long siteId = opened.json().get("id").asLong();
        Map<String, Object> activity = new HashMap<>();
        activity.put("heldOn", today.toString());
        activity.put("kind", "LECTURE");
        activity.put("topic", "孕前优生健康检查讲座");
        activity.put("organiser", "八宝山社区卫生服务站");
        activity.put("headcount", headcount);
        activity.put("personIds", persons);
        var held = api.post("/api/v1/sites/" + siteId + "/activities", json.writeValueAsString(activity), officer);
        assertThat(held.status()).as(held.body()).isEqualTo(201);
        return new long[] {siteId, held.json().get("id").asLong()};
    }

    ApiClient.Answer fromActivity(long[] ids, String service, boolean dryRun, String token) {
        return api.post(
                "/api/v1/services/from-activity",
                json.writeValueAsString(
                        Map.of("siteId", ids[0], "activityId", ids[1], "service", service, "dryRun", dryRun)),
                token);
    }

    static JsonNode attendee(JsonNode outcome, long person) {
        for (JsonNode node : outcome.get("attendees")) {
            if (node.get("personId").asLong() == person) {
                return node;
            }
        }
        throw new AssertionError("no attendee " + person);
    }

    long services(long person) {
        return jdbc.sql("select count(*) from service_record where person_id = ?")
                .param(person)
                .query(Long.class)
                .single();
    }

    @Test
    void theEligibleAttendeesAreRecordedTogetherAndTheOthersListedWithReasons() {
        long planning = register(ServiceApiTests.woman("计划怀孕者", "19900101", "A10", today.minusMonths(7)));
        long recent = register(ServiceApiTests.woman("新来者", "19900102", "A10", today.minusMonths(5)));
        var unmarried = new HashMap<>(ServiceApiTests.woman("未婚者", "19900103", "A10", today.minusYears(2)));
        unmarried.put("maritalStatus", "10");
        long single = register(unmarried);
        long[] ids = siteAndActivity(List.of(planning, recent, single), 5);

        var preview = fromActivity(ids, "C02", true, provider);
        long afterPreview = services(planning) + services(recent) + services(single);
        var recorded = fromActivity(ids, "C02", false, provider);
        var again = fromActivity(ids, "C02", false, provider);

        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        assertThat(attendee(preview.json(), planning).get("outcome").asString()).isEqualTo("ELIGIBLE");
        assertThat(afterPreview).isZero();
        assertThat(recorded.status()).as(recorded.body()).isEqualTo(200);
        assertThat(attendee(recorded.json(), planning).get("outcome").asString())
                .isEqualTo("RECORDED");
        assertThat(attendee(recorded.json(), recent).get("outcome").asString()).isEqualTo("INELIGIBLE");
        assertThat(attendee(recorded.json(), recent).get("reasons").toString()).contains("不满6个月");
        assertThat(attendee(recorded.json(), single).get("reasons").toString()).contains("未婚");
        assertThat(recorded.json().get("unnamed").asInt()).isEqualTo(2);
        assertThat(services(planning)).isEqualTo(1);
        assertThat(services(recent) + services(single)).isZero();
        var record = api.get("/api/v1/persons/" + planning + "/services", provider)
                .json()
                .get(0);
        assertThat(record.get("source").asString()).isEqualTo("ACTIVITY");
        assertThat(record.get("provider").asString()).isEqualTo("八宝山社区卫生服务站");
        assertThat(record.get("providedOn").asString()).isEqualTo(today.toString());
        assertThat(record.get("childOrder").asInt()).isEqualTo(1);
        assertThat(attendee(again.json(), planning).get("outcome").asString()).isEqualTo("ALREADY");
        assertThat(services(planning)).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'SERVICE_FROM_ACTIVITY' and target_id = ?")
                        .param(String.valueOf(ids[1]))
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'SERVICE_RECORDED' and target_id = ?")
                        .param(String.valueOf(planning))
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aWorkerOfAnotherStreetCannotUseTheActivityAndAnUnknownServiceChangesNothing() {
        long person = register(ServiceApiTests.woman("他街道", "19900104", "700", today.minusYears(1)));
        long[] ids = siteAndActivity(List.of(person), 1);
        String elsewhere = api.token(users.ready("actelsewhere", Role.SERVICE_PROVIDER, "110107002"));

        var outside = fromActivity(ids, "B02", false, elsewhere);
        var unknown = fromActivity(ids, "Z01", false, provider);
        var noActivity = api.post(
                "/api/v1/services/from-activity",
                json.writeValueAsString(Map.of("siteId", ids[0], "activityId", 999_999_999L, "service", "B02")),
                provider);

        assertThat(outside.status()).isEqualTo(403);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("服务目录中没有");
        assertThat(noActivity.status()).isEqualTo(404);
        assertThat(services(person)).isZero();
    }

    @Test
    void twoWorkersRecordingTheSameActivityAtOnceRecordEachAttendeeOnce() throws Exception {
        long first = register(ServiceApiTests.woman("同时甲", "19900105", "A10", today.minusYears(1)));
        long second = register(ServiceApiTests.woman("同时乙", "19900106", "A10", today.minusYears(1)));
        long[] ids = siteAndActivity(List.of(first, second), 2);
        String colleague = api.token(users.ready("actcolleague", Role.SERVICE_PROVIDER, "110107001"));
        var start = new java.util.concurrent.CountDownLatch(1);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var one = pool.submit(() -> {
                start.await();
                return fromActivity(ids, "A01", false, provider);
            });
            var other = pool.submit(() -> {
                start.await();
                return fromActivity(ids, "A01", false, colleague);
            });
            start.countDown();
            var answers = List.of(
                    one.get(60, java.util.concurrent.TimeUnit.SECONDS),
                    other.get(60, java.util.concurrent.TimeUnit.SECONDS));

            assertThat(answers).extracting(ApiClient.Answer::status).containsOnly(200);
            List<String> outcomes = new java.util.ArrayList<>();
            for (var answer : answers) {
                outcomes.add(attendee(answer.json(), first).get("outcome").asString());
                outcomes.add(attendee(answer.json(), second).get("outcome").asString());
            }
            assertThat(outcomes).containsExactlyInAnyOrder("RECORDED", "RECORDED", "ALREADY", "ALREADY");
        } finally {
            pool.shutdownNow();
        }
        assertThat(services(first)).isEqualTo(1);
        assertThat(services(second)).isEqualTo(1);
    }
}
