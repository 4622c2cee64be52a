package org.liudong.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
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
import tools.jackson.databind.json.JsonMapper;

/** Scope, merging and ageing: the rules that keep one true record per person. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LedgerRulesTests {

    @LocalServerPort
    int port;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Reclassification reclassification;

    ApiClient api;
    final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    private String token(Role role, String scope) {
        var user = users.ready("rules", role, scope);
        return api.token(user);
    }

    private long register(String token, String name, String idNumber, String community) {
        var answer = api.post(
                "/api/v1/persons", json.writeValueAsString(PersonApiTests.person(name, idNumber, community)), token);
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.json().get("id").asLong();
    }

    @Test
    void aStreetOfficerOfAnotherStreetCannotReadFindListOrEditThePerson() {
        String babaoshan = token(Role.STREET_OFFICER, "110107001");
        String laoshan = token(Role.STREET_OFFICER, "110107002");
        String idNumber = TestIdNumbers.of("130602", "19910303", "2");
        long id = register(babaoshan, "隔离测试", idNumber, PersonApiTests.BABAOSHAN_COMMUNITY);

        assertThat(api.get("/api/v1/persons/" + id, laoshan).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/persons/" + id + "/history", laoshan).status())
                .isEqualTo(404);
        assertThat(api.post("/api/v1/persons/search", "{\"idNumber\":\"" + idNumber + "\"}", laoshan)
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/persons?name=%E9%9A%94%E7%A6%BB", laoshan)
                        .json()
                        .get("total")
                        .asLong())
                .isZero();
        assertThat(api.get("/api/v1/persons?street=110107001", laoshan).status())
                .isEqualTo(403);
        assertThat(api.post("/api/v1/persons/" + id + "/verifications", "{}", laoshan)
                        .status())
                .isEqualTo(404);
        var export = api.get("/api/v1/persons/export.csv?name=%E9%9A%94%E7%A6%BB", laoshan);
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.body()).contains("姓名").doesNotContain("隔离测试");
        assertThat(api.get("/api/v1/persons/export.csv?name=%E9%9A%94%E7%A6%BB", babaoshan)
                        .body())
                .contains("隔离测试");
        assertThat(api.get("/api/v1/persons/" + id, babaoshan).status()).isEqualTo(200);
    }

    @Test
    void registeringIntoACommunityOutsideTheScopeIsRefused() {
        String babaoshan = token(Role.COMMUNITY_WORKER, "110107001");

        var answer = api.post(
                "/api/v1/persons",
                json.writeValueAsString(PersonApiTests.person(
                        "越界", TestIdNumbers.of("130602", "19920303", "2"), PersonApiTests.LAOSHAN_COMMUNITY)),
                babaoshan);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("errors").get(0).get("field").asString()).isEqualTo("residence.communityCode");
    }

    @Test
    void leadersAuditorsAndAdministratorsSeeNoPersons() {
        String officer = token(Role.DISTRICT_OFFICER, "110107");
        long id = register(
                officer, "保密测试", TestIdNumbers.of("130602", "19930404", "2"), PersonApiTests.BABAOSHAN_COMMUNITY);

        for (Role role : new Role[] {Role.LEADER, Role.AUDITOR, Role.SYSTEM_ADMIN}) {
            String token = token(role, "110107");
            assertThat(api.get("/api/v1/persons/" + id, token).status())
                    .as(role.name())
                    .isEqualTo(403);
            assertThat(api.get("/api/v1/persons", token).status())
                    .as(role.name())
                    .isEqualTo(403);
        }
    }

    @Test
    void aServiceProviderSeesPregnancyButNotTheAddressAndCannotRevealTheIdNumber() {
        String officer = token(Role.DISTRICT_OFFICER, "110107");
        long id = register(
                officer, "角色测试", TestIdNumbers.of("130602", "19940404", "2"), PersonApiTests.BABAOSHAN_COMMUNITY);
        String provider = token(Role.SERVICE_PROVIDER, "110107");

        var seen = api.get("/api/v1/persons/" + id, provider).json();

        assertThat(seen.get("address").isNull()).isTrue();
        assertThat(seen.get("phone").isNull()).isTrue();
        assertThat(seen.get("hidden").toString()).contains("address").doesNotContain("pregnancyStatus");
        assertThat(api.post("/api/v1/persons/" + id + "/id-number", "{}", provider)
                        .status())
                .isEqualTo(403);
        var officerView = api.get("/api/v1/persons/" + id, officer).json();
        assertThat(officerView.get("address").asString()).isEqualTo("八宝山路1号");
        assertThat(officerView.get("phone").asString()).isEqualTo("139****5678");
    }

    @Test
    void mergingKeepsBothRecordsEpisodesAndHistoryAndIsAudited() {
        String officer = token(Role.DISTRICT_OFFICER, "110107");
        long kept = register(
                officer, "合并甲", TestIdNumbers.of("130602", "19850505", "1"), PersonApiTests.BABAOSHAN_COMMUNITY);
        long merged =
                register(officer, "合并乙", TestIdNumbers.of("130602", "19850506", "1"), PersonApiTests.LAOSHAN_COMMUNITY);

        var answer = api.post("/api/v1/persons/" + kept + "/merge", "{\"mergeId\":" + merged + "}", officer);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().get("episodes").size()).isEqualTo(2);
        var history = api.get("/api/v1/persons/" + kept + "/history", officer).json();
        var actions = new java.util.ArrayList<String>();
        history.forEach(entry -> actions.add(entry.get("action").asString()));
        assertThat(actions).contains("MERGED", "MERGED_INTO", "REGISTERED");
        assertThat(api.get("/api/v1/persons/" + merged, officer)
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("MERGED");
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'PERSONS_MERGED' and target_id = ?")
                        .param(String.valueOf(kept))
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aWomanTurningFiftyLeavesTheFamilyPlanningScopeOnHerBirthday() {
        String officer = token(Role.DISTRICT_OFFICER, "110107");
        LocalDate today = LocalDate.now();
        LocalDate fiftiethBirthday = today.minusYears(50);
        long id = register(
                officer,
                "年龄测试",
                TestIdNumbers.of("130602", fiftiethBirthday.format(DateTimeFormatter.BASIC_ISO_DATE), "2"),
                PersonApiTests.BABAOSHAN_COMMUNITY);
        // as classified yesterday, when she was 49
        jdbc.sql("update person set category = 'FLOATING_FP' where id = ?")
                .param(id)
                .update();
        coveredUpTo(today.minusDays(1));

        int changed = reclassification.catchUp(today);

        assertThat(changed).isGreaterThanOrEqualTo(1);
        assertReclassifiedOnceAsOther(id);
        assertThat(reclassification.catchUp(today)).isZero();
    }

    /**
     * A ledger classified long ago (loaded from an older system, or a district's history) is caught up on the next
     * night, whatever the birthdays: once only the birthdays since the last run were looked at.
     */
    @Test
    void personsClassifiedLongAgoAreCaughtUpWhateverTheirBirthday() {
        String officer = token(Role.DISTRICT_OFFICER, "110107");
        LocalDate today = LocalDate.now();
        // 55 and a hundred days old today: her birthday is not today
        LocalDate born = today.minusYears(55).minusDays(100);
        long id = register(
                officer,
                "历史分类",
                TestIdNumbers.of("130602", born.format(DateTimeFormatter.BASIC_ISO_DATE), "2"),
                PersonApiTests.BABAOSHAN_COMMUNITY);
        // as classified ten years ago, when she was 45
        jdbc.sql("update person set category = 'FLOATING_FP', classified_on = ? where id = ?")
                .params(today.minusYears(10), id)
                .update();
        coveredUpTo(today.minusDays(1));

        assertThat(reclassification.catchUp(today)).isGreaterThanOrEqualTo(1);

        assertReclassifiedOnceAsOther(id);
    }

    /** An edit classifies the person again: a category that changes with it is in the edit's history entry. */
    @Test
    void anEditThatChangesTheCategorySaysSoInItsHistory() {
        String officer = token(Role.DISTRICT_OFFICER, "110107");
        LocalDate born = LocalDate.now().minusYears(57).minusDays(40);
        String idNumber = TestIdNumbers.of("130602", born.format(DateTimeFormatter.BASIC_ISO_DATE), "1");
        long id = register(officer, "编辑分类", idNumber, PersonApiTests.BABAOSHAN_COMMUNITY);
        // classified when he was younger, and not since
        jdbc.sql("update person set category = 'FLOATING_FP' where id = ?")
                .param(id)
                .update();
        var read = api.get("/api/v1/persons/" + id, officer);
        var body = new java.util.HashMap<>(PersonApiTests.person("编辑分类", idNumber, PersonApiTests.BABAOSHAN_COMMUNITY));
        body.put("employer", "鲁谷农贸市场");
        var answer = api.put(
                "/api/v1/persons/" + id,
                json.writeValueAsString(body),
                officer,
                "\"" + read.json().get("version").asInt() + "\"");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);

        var history = api.get("/api/v1/persons/" + id + "/history", officer).json();
        var updated = new java.util.ArrayList<String>();
        history.forEach(entry -> {
            if (entry.get("action").asString().equals("UPDATED")) {
                updated.add(entry.toString());
            }
        });
        assertThat(updated).hasSize(1);
        assertThat(updated.get(0))
                .contains("employer")
                .contains("category")
                .contains("FLOATING_FP")
                .contains("FLOATING_OTHER");
    }

    /** The form and the API read dates as the import does: 2012/3/5 and 2012年3月5日 as well as 2012-03-05. */
    @Test
    void datesAreReadAsPeopleTypeThem() {
        String officer = token(Role.DISTRICT_OFFICER, "110107");
        String[][] cases = {
            {"2012/3/5", "19880404", "甲"}, {"2012年3月5日", "19880405", "乙"}, {"2012.03.05", "19880406", "丙"}
        };
        for (String[] typed : cases) {
            var body = new java.util.HashMap<>(PersonApiTests.person(
                    "日期" + typed[2], TestIdNumbers.of("130602", typed[1], "2"), PersonApiTests.BABAOSHAN_COMMUNITY));
            var residence =
                    new java.util.HashMap<String, Object>((java.util.Map<String, Object>) body.get("residence"));
            residence.put("movedIn", typed[0]);
            body.put("residence", residence);
            var answer = api.post("/api/v1/persons", json.writeValueAsString(body), officer);
            assertThat(answer.status()).as(typed[0] + " " + answer.body()).isEqualTo(201);
            assertThat(jdbc.sql("select moved_in from residence_episode where person_id = ?")
                            .param(answer.json().get("id").asLong())
                            .query(LocalDate.class)
                            .single())
                    .isEqualTo(LocalDate.of(2012, 3, 5));
        }
        var body = new java.util.HashMap<>(PersonApiTests.person(
                "日期错", TestIdNumbers.of("130602", "19880407", "2"), PersonApiTests.BABAOSHAN_COMMUNITY));
        var residence = new java.util.HashMap<String, Object>((java.util.Map<String, Object>) body.get("residence"));
        residence.put("movedIn", "2012/2/30");
        body.put("residence", residence);
        var refused = api.post("/api/v1/persons", json.writeValueAsString(body), officer);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("“2012/2/30”不是有效日期，可写成 2012-03-05、2012/3/5 或 2012年3月5日");
    }

    /** As if the nightly reclassification had last run on {@code day}. */
    private void coveredUpTo(LocalDate day) {
        jdbc.sql("""
                        insert into registry_job (name, last_day) values ('reclassify-birthdays', ?)
                        on conflict (name) do update set last_day = excluded.last_day""").param(day).update();
    }

    private void assertReclassifiedOnceAsOther(long id) {
        assertThat(jdbc.sql("select category from person where id = ?")
                        .param(id)
                        .query(String.class)
                        .single())
                .isEqualTo("FLOATING_OTHER");
        assertThat(jdbc.sql("select count(*) from person_history where person_id = ? and action = 'RECLASSIFIED'")
                        .param(id)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }
}
