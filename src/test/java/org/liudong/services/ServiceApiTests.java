package org.liudong.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liudong.security.Role;
import org.liudong.security.TestUsers;
import org.liudong.support.ApiClient;
import org.liudong.support.TestIdNumbers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ServiceApiTests {

    static final String COMMUNITY = "110107001003";

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
        officer = api.token(users.ready("svcofficer", Role.DISTRICT_OFFICER, "110107"));
        provider = api.token(users.ready("svcprovider", Role.SERVICE_PROVIDER, "110107001"));
    }

    static Map<String, Object> woman(String name, String birth, String contraception, LocalDate movedIn) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("idNumber", TestIdNumbers.of("130602", birth, "2"));
        body.put("householdCode", "130602");
        body.put("maritalStatus", "20");
        body.put("contraceptionCode", contraception);
        body.put(
                "residence",
                Map.of(
                        "communityCode", COMMUNITY,
                        "address", "八宝山路2号",
                        "housingType", "RENTED",
                        "movedIn", movedIn.toString(),
                        "reason", "WORK_BUSINESS"));
        return body;
    }

    long register(Map<String, Object> body) {
        var answer = api.post("/api/v1/persons", json.writeValueAsString(body), officer);
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.json().get("id").asLong();
    }

    ApiClient.Answer record(long person, String token, Map<String, Object> service) {
        return api.post("/api/v1/persons/" + person + "/services", json.writeValueAsString(service), token);
    }

    static Map<String, Object> service(String code, LocalDate on, String result) {
        Map<String, Object> body = new HashMap<>();
        body.put("service", code);
        body.put("on", on.toString());
        body.put("provider", "石景山区计划生育服务站");
        if (result != null) {
            body.put("result", result);
        }
        return body;
    }

    JsonNode eligibility(long person, String service) {
        var answer = api.get("/api/v1/persons/" + person + "/eligibility?on=" + today, provider);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        for (JsonNode node : answer.json()) {
            if (node.get("service").asString().equals(service)) {
                return node;
            }
        }
        throw new AssertionError("no " + service);
    }

    @Test
    void theCatalogueHasTheFiveGroups() {
        var answer = api.get("/api/v1/services/catalogue", provider);

        assertThat(answer.status()).isEqualTo(200);
        List<String> groups = new java.util.ArrayList<>();
        answer.json().forEach(node -> groups.add(node.get("group").asString()));
        assertThat(groups).contains("A", "B", "C", "D", "E");
    }

    @Test
    void theSameServiceOnTheSameDaySentFourTimesAtOnceIsRecordedOnce() throws Exception {
        long person = register(woman("钱芳", "19900404", "A10", today.minusMonths(7)));
        var start = new java.util.concurrent.CountDownLatch(1);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        List<java.util.concurrent.Future<ApiClient.Answer>> sent = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                sent.add(pool.submit(() -> {
                    start.await();
                    return record(person, provider, service("A01", today, null));
                }));
            }
            start.countDown();
            List<ApiClient.Answer> answers = new java.util.ArrayList<>();
            for (var answer : sent) {
                answers.add(answer.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }

            assertThat(answers).extracting(ApiClient.Answer::status).containsOnly(201, 400);
            assertThat(answers.stream().filter(a -> a.status() == 201)).hasSize(1);
            var refused =
                    answers.stream().filter(a -> a.status() == 400).findFirst().orElseThrow();
            assertThat(refused.body()).contains(today + "已登记宣传教育活动", "请更正原记录");
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("select count(*) from service_record where person_id = ? and service_code = 'A01'")
                        .param(person)
                        .query(Long.class)
                        .single())
                .isEqualTo(1L);
        assertThat(record(person, provider, service("A01", today.minusDays(1), null))
                        .status())
                .as("the same service on another day")
                .isEqualTo(201);
    }

    @Test
    void aProviderRecordsAnEugenicCheckOnceForAWomanResidentSixMonths() {
        long person = register(woman("孙丽", "19900303", "A10", today.minusMonths(7)));
        assertThat(eligibility(person, "C02").get("eligible").asBoolean()).isTrue();

        var first = record(person, provider, service("C02", today.minusDays(1), "NORMAL"));
        var second = record(person, provider, service("C02", today, "NORMAL"));

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.json().get("childOrder").asInt()).isEqualTo(1);
        assertThat(second.status()).isEqualTo(422);
        assertThat(second.json().get("reasons").toString()).contains("每孩次一次");
        var listed = api.get("/api/v1/persons/" + person + "/services", provider);
        assertThat(listed.json()).hasSize(1);
    }

    @Test
    void anIneligibleServiceIsRefusedWithReasonsAndOnlyAnOfficerOverridesWithANoteThatIsAudited() {
        long person = register(woman("钱芳", "19910404", "A10", today.minusMonths(5)));
        var check = service("C02", today, null);

        var refused = record(person, provider, check);
        check.put("overrideNote", "区优生项目特批");
        var providerOverride = record(person, provider, check);
        var officerOverride = record(person, officer, check);

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("reasons").toString()).contains("不满6个月");
        assertThat(providerOverride.status()).isEqualTo(422);
        assertThat(officerOverride.status()).as(officerOverride.body()).isEqualTo(201);
        assertThat(officerOverride.json().get("overrideNote").asString()).isEqualTo("区优生项目特批");
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'SERVICE_OVERRIDE' and target_id = ?")
                        .param(String.valueOf(person))
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void anAbnormalResultGetsAFollowUpInThirtyDaysAndACorrectionKeepsTheOldValues() {
        long person = register(woman("李静", "19870505", "700", today.minusYears(1)));

        var recorded = record(person, provider, service("D01", today, "ABNORMAL"));
        long id = recorded.json().get("id").asLong();
        var correction = new HashMap<>(service("D01", today, "NORMAL"));
        correction.put("reason", "化验单录入错误");
        var corrected = api.put("/api/v1/services/records/" + id, json.writeValueAsString(correction), provider, "0");
        var stale = api.put("/api/v1/services/records/" + id, json.writeValueAsString(correction), provider, "0");
        var history = api.get("/api/v1/services/records/" + id + "/history", provider);

        assertThat(recorded.json().get("followUpDue").asString())
                .isEqualTo(today.plusDays(30).toString());
        assertThat(corrected.status()).as(corrected.body()).isEqualTo(200);
        assertThat(corrected.json().get("result").asString()).isEqualTo("NORMAL");
        assertThat(corrected.json().get("version").asInt()).isEqualTo(1);
        assertThat(stale.status()).isEqualTo(400);
        assertThat(history.json().get(0).get("before").get("result").asString()).isEqualTo("ABNORMAL");
        assertThat(history.json().get(0).get("reason").asString()).isEqualTo("化验单录入错误");
    }

    @Test
    void theDueListNamesAMarriedWomanForHerCheckUntilItIsRecordedAndNotesAVisit() {
        long person = register(woman("周敏", "19890606", "700", today.minusMonths(8)));
        String month = YearMonth.now().toString();

        var before = api.get("/api/v1/org-units/110107001/due?month=" + month + "&size=1000", provider);
        var visit = api.post(
                "/api/v1/persons/" + person + "/visits",
                json.writeValueAsString(Map.of("service", "B02", "month", month, "reason", "本人外出务工未遇")),
                provider);
        var visited = api.get("/api/v1/org-units/110107001/due?month=" + month + "&size=1000", provider);
        record(person, provider, service("B02", today, "NORMAL"));
        var after = api.get("/api/v1/org-units/110107001/due?month=" + month + "&size=1000", provider);

        assertThat(before.status()).as(before.body()).isEqualTo(200);
        assertThat(due(before.json(), person, "B02")).isNotNull();
        assertThat(due(before.json(), person, "B02").get("reason").asString()).contains("已婚");
        assertThat(visit.status()).as(visit.body()).isEqualTo(204);
        assertThat(due(visited.json(), person, "B02").get("visitReason").asString())
                .isEqualTo("本人外出务工未遇");
        assertThat(due(after.json(), person, "B02")).isNull();
    }

    @Test
    void theDueListIsRefusedOutsideTheScopeAndExportsAsASpreadsheet() {
        var outside = api.get("/api/v1/org-units/110107002/due", provider);
        var export = api.get("/api/v1/org-units/110107001/due.xlsx", provider);

        assertThat(outside.status()).isEqualTo(403);
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.contentType()).contains("spreadsheetml");
        // the community by its name, its code beside it
        try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(
                new java.io.ByteArrayInputStream(api.download("/api/v1/org-units/110107001/due.xlsx", provider)))) {
            var sheet = workbook.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(3).getStringCellValue()).isEqualTo("社区");
            assertThat(sheet.getRow(0).getCell(4).getStringCellValue()).isEqualTo("社区代码");
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                var row = sheet.getRow(r);
                assertThat(row.getCell(4).getStringCellValue()).startsWith("110107001");
                assertThat(row.getCell(3).getStringCellValue()).endsWith("社区");
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static JsonNode due(JsonNode list, long person, String service) {
        for (JsonNode node : list) {
            if (node.get("personId").asLong() == person
                    && node.get("service").asString().equals(service)) {
                return node;
            }
        }
        return null;
    }
}
