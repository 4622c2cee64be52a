package org.liudong.sites;

import static org.assertj.core.api.Assertions.assertThat;

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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SiteApiTests {

    static final String YUQUANLU_WEST = "110107001003";
    static final String LAOSHAN_COMMUNITY = "110107002001";

    @LocalServerPort
    int port;

    @Autowired
    TestUsers users;

    ApiClient api;
    String district;
    final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void signIn() {
        api = new ApiClient(port);
        var user = users.ready("sites", Role.DISTRICT_OFFICER, "110107");
        district = api.token(user);
    }

    static Map<String, Object> site(String community, String name, String model, Integer headcount) {
        Map<String, Object> site = new HashMap<>();
        site.put("communityCode", community);
        site.put("name", name);
        site.put("model", model);
        site.put("stationName", "新居民温馨驿站");
        site.put("address", "玉泉路西1号");
        site.put("estimatedHeadcount", headcount);
        site.put("capacity", 40);
        site.put("establishedOn", "2011-03-01");
        return site;
    }

    long open(Map<String, Object> site, String token) {
        var answer = api.post("/api/v1/sites", json.writeValueAsString(site), token);
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.json().get("id").asLong();
    }

    void post(String path, Object body) {
        var answer = api.post(path, json.writeValueAsString(body), district);
        assertThat(answer.status()).as(answer.body()).isBetween(200, 299);
    }

    JsonNode fourOnes(long site, int year) {
        var answer = api.get("/api/v1/sites/" + site + "/four-ones?year=" + year, district);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    @Test
    void opensEditsAndClosesASiteAndShowsTheModelsPrinciple() {
        long id = open(site(YUQUANLU_WEST, "玉泉路西地下室", "BASEMENT", 60), district);

        var read = api.get("/api/v1/sites/" + id, district);
        assertThat(read.json().at("/site/principle").asString()).isEqualTo("以房管人");
        assertThat(read.json().at("/site/code").asString()).startsWith(YUQUANLU_WEST + "-");

        var edit = site(YUQUANLU_WEST, "玉泉路西地下室管理站", "BASEMENT", 80);
        var stale = api.put("/api/v1/sites/" + id, json.writeValueAsString(edit), district, "\"7\"");
        assertThat(stale.status()).isEqualTo(409);
        var edited = api.put("/api/v1/sites/" + id, json.writeValueAsString(edit), district, "\"0\"");
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(edited.json().get("estimatedHeadcount").asInt()).isEqualTo(80);

        post("/api/v1/sites/" + id + "/close", Map.of("on", "2024-01-31"));
        assertThat(api.get("/api/v1/sites?unit=" + YUQUANLU_WEST, district).body())
                .doesNotContain("\"id\":" + id + ",");
        assertThat(api.get("/api/v1/sites/" + id, district)
                        .json()
                        .at("/site/active")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void refusesAnInvalidSiteWithEveryWrongField() {
        var site = site(YUQUANLU_WEST, " ", null, -1);

        var answer = api.post("/api/v1/sites", json.writeValueAsString(site), district);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("errors").findValuesAsString("field"))
                .contains("name", "model", "estimatedHeadcount");
    }

    @Test
    void aStreetOfficerSeesNoSiteOfAnotherStreet() {
        long id = open(site(YUQUANLU_WEST, "八宝山社区驿站", "COMMUNITY", 10), district);
        var laoshan = users.ready("laoshan", Role.STREET_OFFICER, "110107002");
        String token = api.token(laoshan);

        assertThat(api.get("/api/v1/sites/" + id, token).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/sites/" + id + "/four-ones?year=2013", token)
                        .status())
                .isEqualTo(403);
        assertThat(api.post("/api/v1/sites", json.writeValueAsString(site(YUQUANLU_WEST, "x", "MARKET", 1)), token)
                        .status())
                .isEqualTo(403);
        assertThat(api.get("/api/v1/org-units/110107001/four-ones?year=2013", token)
                        .status())
                .isEqualTo(403);
    }

    @Test
    void publicityUpdatedOnDay90IsInTimeAndOnDay91IsNot() {
        long onTime = open(site(YUQUANLU_WEST, "宣传90天", "COMMUNITY", 10), district);
        long late = open(site(YUQUANLU_WEST, "宣传91天", "COMMUNITY", 10), district);
        for (long id : List.of(onTime, late)) {
            api.put(
                    "/api/v1/sites/" + id + "/publicity",
                    json.writeValueAsString(Map.of("what", "计生政策宣传栏", "location", "驿站门口")),
                    district,
                    null);
        }
        // 31 Dec 2013 minus 90 days is 2 Oct 2013
        post("/api/v1/sites/" + onTime + "/publicity/updates", Map.of("on", "2013-10-02", "content", "秋季更新"));
        post("/api/v1/sites/" + late + "/publicity/updates", Map.of("on", "2013-10-01", "content", "秋季更新"));

        assertThat(fourOnes(onTime, 2013).at("/publicity/met").asBoolean()).isTrue();
        assertThat(fourOnes(onTime, 2013).at("/publicity/daysSince").asInt()).isEqualTo(90);
        assertThat(fourOnes(late, 2013).at("/publicity/met").asBoolean()).isFalse();
        assertThat(fourOnes(late, 2013).at("/publicity/daysSince").asInt()).isEqualTo(91);
    }

    @Test
    void anActivityOn31DecemberCountsForThatYearAndOn1JanuaryForTheNext() {
        long id = open(site(YUQUANLU_WEST, "年末活动", "MARKET", 10), district);
        assertThat(fourOnes(id, 2013).at("/service/met").asBoolean()).isFalse();

        post("/api/v1/sites/" + id + "/activities", activity("2013-12-31", "新年健康讲座", 25));
        assertThat(fourOnes(id, 2013).at("/service/activities").asInt()).isEqualTo(1);
        assertThat(fourOnes(id, 2013).at("/service/met").asBoolean()).isTrue();
        assertThat(fourOnes(id, 2014).at("/service/met").asBoolean()).isFalse();

        post("/api/v1/sites/" + id + "/activities", activity("2014-01-01", "元旦联欢", 40));
        assertThat(fourOnes(id, 2014).at("/service/met").asBoolean()).isTrue();
        assertThat(fourOnes(id, 2013).at("/service/activities").asInt()).isEqualTo(1);
    }

    static Map<String, Object> activity(String on, String topic, Integer headcount) {
        Map<String, Object> activity = new HashMap<>();
        activity.put("heldOn", on);
        activity.put("kind", "LECTURE");
        activity.put("topic", topic);
        activity.put("organiser", "社区计生办");
        activity.put("headcount", headcount);
        return activity;
    }

    @Test
    void anActivityNamesPersonsOfTheLedgerAndRefusesUnknownOnes() {
        long id = open(site(YUQUANLU_WEST, "点名活动", "COMMUNITY", 10), district);
        long person = register("活动参加者", TestIdNumbers.of("130602", "19880303", "2"), YUQUANLU_WEST, id);

        var unknown = activity("2014-05-01", "健康咨询", null);
        unknown.put("personIds", List.of(person, 999_999_999L));
        var refused = api.post("/api/v1/sites/" + id + "/activities", json.writeValueAsString(unknown), district);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("UNKNOWN_PERSON");

        var named = activity("2014-05-01", "健康咨询", null);
        named.put("personIds", List.of(person));
        var answer = api.post("/api/v1/sites/" + id + "/activities", json.writeValueAsString(named), district);
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        assertThat(answer.json().get("personIds").get(0).asLong()).isEqualTo(person);
    }

    long register(String name, String idNumber, String community, long siteId) {
        Map<String, Object> person =
                new HashMap<>(org.liudong.registry.PersonApiTestsAccess.person(name, idNumber, community));
        Map<String, Object> residence = new HashMap<>((Map<String, Object>) person.get("residence"));
        residence.put("siteId", String.valueOf(siteId));
        person.put("residence", residence);
        var answer = api.post("/api/v1/persons", json.writeValueAsString(person), district);
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.json().get("id").asLong();
    }

    @Test
    void ledgerCoverageCountsTheSitesCurrentRecordsAgainstItsHeadcount() {
        int year = java.time.LocalDate.now().getYear();
        long id = open(site(YUQUANLU_WEST, "台帐覆盖", "BUILDING", 10), district);
        for (int i = 0; i < 9; i++) {
            register(
                    "覆盖" + "甲乙丙丁戊己庚辛壬".charAt(i),
                    TestIdNumbers.of("410102", "1990010" + (i + 1), i % 2 == 0 ? "2" : "1"),
                    YUQUANLU_WEST,
                    id);
        }

        var nine = fourOnes(id, year).get("ledger");
        assertThat(nine.get("met").asBoolean()).isTrue();
        assertThat(nine.get("coverage").decimalValue()).isEqualByComparingTo("0.9");
        assertThat(nine.get("target").decimalValue()).isEqualByComparingTo("0.9");
        assertThat(nine.get("registered").asInt()).isEqualTo(9);

        var bigger = site(YUQUANLU_WEST, "台帐覆盖", "BUILDING", 11);
        assertThat(api.put("/api/v1/sites/" + id, json.writeValueAsString(bigger), district, null)
                        .status())
                .isEqualTo(200);
        var eleven = fourOnes(id, year).get("ledger");
        assertThat(eleven.get("met").asBoolean()).isFalse();
        assertThat(eleven.get("coverage").decimalValue()).isEqualByComparingTo("0.8181");
    }

    @Test
    void organisationChangesKeepHistoryAndAVacancyFailsTheItem() {
        long id = open(site(YUQUANLU_WEST, "组织机构", "COMMUNITY", 10), district);
        post("/api/v1/sites/" + id + "/members", member("HEAD", "站长", "张站长", "2012-01-01"));
        var staff = api.post(
                "/api/v1/sites/" + id + "/members",
                json.writeValueAsString(member("STAFF", "信息员", "李信息", "2012-01-01")),
                district);
        assertThat(fourOnes(id, 2013).at("/organisation/met").asBoolean()).isTrue();

        long staffId = staff.json().get("id").asLong();
        Map<String, Object> vacancy = new HashMap<>();
        vacancy.put("on", "2014-03-01");
        post("/api/v1/sites/members/" + staffId + "/replacement", vacancy);
        assertThat(fourOnes(id, 2013).at("/organisation/met").asBoolean()).isTrue();
        assertThat(fourOnes(id, 2014).at("/organisation/met").asBoolean()).isFalse();
        assertThat(fourOnes(id, 2014).at("/organisation/vacant/0").asString()).isEqualTo("信息员");

        var doc = api.get("/api/v1/sites/" + id, district).json();
        assertThat(doc.at("/pastMembers/0/name").asString()).isEqualTo("李信息");
        assertThat(doc.at("/pastMembers/0/until").asString()).isEqualTo("2014-03-01");
    }

    static Map<String, Object> member(String kind, String duty, String name, String since) {
        return Map.of("kind", kind, "duty", duty, "name", name, "phone", "13800001111", "since", since);
    }

    @Test
    void aSiteAppliesTheStreetChecksAndTheDistrictAdmitsWithTheEvidenceOfTheMoment() {
        long id = open(site(YUQUANLU_WEST, "申请纳入", "COMMUNITY", 10), district);
        var worker = users.ready("apply", Role.COMMUNITY_WORKER, YUQUANLU_WEST);
        var street = users.ready("check", Role.STREET_OFFICER, "110107001");
        String workerToken = api.token(worker);
        String streetToken = api.token(street);

        assertThat(api.post("/api/v1/sites/" + id + "/admission/admit", "{}", district)
                        .status())
                .isEqualTo(409);
        var applied = api.post("/api/v1/sites/" + id + "/admission/apply", "{\"on\":\"2013-03-01\"}", workerToken);
        assertThat(applied.status()).as(applied.body()).isEqualTo(200);
        assertThat(applied.json().at("/appliedEvidence/service/met").asBoolean())
                .isFalse();
        assertThat(api.post("/api/v1/sites/" + id + "/admission/check", "{}", workerToken)
                        .status())
                .isEqualTo(403);

        post("/api/v1/sites/" + id + "/activities", activity("2013-04-01", "健康讲座", 30));
        var unexplained = api.post("/api/v1/sites/" + id + "/admission/check", "{\"on\":\"2013-04-10\"}", streetToken);
        assertThat(unexplained.status())
                .as("four ones not all met and no note: %s", unexplained.body())
                .isEqualTo(409);
        assertThat(unexplained.json().get("reason").asString()).isEqualTo("FOUR_ONES_UNMET");
        assertThat(unexplained.json().get("missing").toString())
                .contains("organisation.NO_HEAD")
                .doesNotContain("service.");
        assertThat(api.get("/api/v1/sites/" + id, district)
                        .json()
                        .at("/admission/status")
                        .asString())
                .as("nothing changed")
                .isEqualTo("APPLIED");
        var checked = api.post(
                "/api/v1/sites/" + id + "/admission/check",
                "{\"on\":\"2013-04-10\",\"note\":\"负责人已确定，下月到岗\"}",
                streetToken);
        assertThat(checked.status()).as(checked.body()).isEqualTo(200);
        assertThat(api.post("/api/v1/sites/" + id + "/admission/admit", "{\"on\":\"2013-05-01\"}", district)
                        .status())
                .as("the district too needs a note")
                .isEqualTo(409);
        var admitted = api.post(
                "/api/v1/sites/" + id + "/admission/admit", "{\"on\":\"2013-05-01\",\"note\":\"先行纳入，限期整改\"}", district);
        assertThat(admitted.status()).as(admitted.body()).isEqualTo(200);
        assertThat(admitted.json().get("status").asString()).isEqualTo("ADMITTED");
        assertThat(admitted.json().get("note").asString()).isEqualTo("先行纳入，限期整改");
        assertThat(admitted.json().at("/admittedEvidence/allMet").asBoolean()).isFalse();
        assertThat(admitted.json().at("/appliedEvidence/service/met").asBoolean())
                .isFalse();
        assertThat(admitted.json().at("/admittedEvidence/service/met").asBoolean())
                .isTrue();
        assertThat(admitted.json().at("/admittedEvidence/asOf").asString()).isEqualTo("2013-05-01");
    }
}
