package org.liudong.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
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

/** The catalogue is reference data a system administrator extends and renames, with every change audited. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CatalogueAdminTests {

    @LocalServerPort
    int port;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;
    String admin;
    String officer;
    final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void signIn() {
        api = new ApiClient(port);
        admin = api.token(users.ready("catadmin", Role.SYSTEM_ADMIN, "11"));
        officer = api.token(users.ready("catofficer", Role.DISTRICT_OFFICER, "110107"));
    }

    static String freeCode(String group) {
        return group + (100 + ThreadLocalRandom.current().nextInt(900));
    }

    JsonNode entry(String code) {
        for (JsonNode node : api.get("/api/v1/services/catalogue", officer).json()) {
            if (node.get("code").asString().equals(code)) {
                return node;
            }
        }
        return null;
    }

    long audited(String code) {
        return jdbc.sql("select count(*) from audit_event where action = 'SERVICE_CATALOGUE' and target_id = ?")
                .param(code)
                .query(Long.class)
                .single();
    }

    @Test
    void anAdministratorAddsAServiceToAGroupRenamesAndRetiresItAndEachChangeIsAudited() {
        String code = freeCode("D");
        var added = api.post(
                "/api/v1/services/catalogue",
                json.writeValueAsString(Map.of(
                        "code", code,
                        "group", "D",
                        "nameZh", "更年期保健咨询",
                        "nameEn", "Menopause counselling",
                        "resultCodes", List.of("NORMAL", "ABNORMAL"))),
                admin);
        var renamed = api.put(
                "/api/v1/services/catalogue/" + code,
                json.writeValueAsString(Map.of("nameZh", "更年期妇女保健咨询", "nameEn", "Menopause care counselling")),
                admin,
                null);
        var retired = api.put(
                "/api/v1/services/catalogue/" + code,
                json.writeValueAsString(Map.of("nameZh", "更年期妇女保健咨询", "active", false)),
                admin,
                null);

        assertThat(added.status()).as(added.body()).isEqualTo(201);
        assertThat(added.json().get("group").asString()).isEqualTo("D");
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(retired.status()).as(retired.body()).isEqualTo(200);
        JsonNode now = entry(code);
        assertThat(now.get("nameZh").asString()).isEqualTo("更年期妇女保健咨询");
        assertThat(now.get("nameEn").asString()).isEqualTo("Menopause care counselling");
        assertThat(now.get("active").asBoolean()).isFalse();
        assertThat(now.get("resultCodes").toString()).contains("ABNORMAL");
        assertThat(audited(code)).isEqualTo(3);
    }

    @Test
    void aCodeOutsideItsGroupAnExistingCodeOrABlankNameIsRefusedAndChangesNothing() {
        String code = freeCode("E");
        var wrongGroup = api.post(
                "/api/v1/services/catalogue",
                json.writeValueAsString(Map.of("code", code, "group", "A", "nameZh", "奖励")),
                admin);
        var existing = api.post(
                "/api/v1/services/catalogue", json.writeValueAsString(Map.of("code", "B02", "nameZh", "重复")), admin);
        var blank =
                api.put("/api/v1/services/catalogue/B02", json.writeValueAsString(Map.of("nameZh", " ")), admin, null);
        var unknown = api.put(
                "/api/v1/services/catalogue/Z99", json.writeValueAsString(Map.of("nameZh", "不存在")), admin, null);

        assertThat(wrongGroup.status()).isEqualTo(400);
        assertThat(wrongGroup.body()).contains("group");
        assertThat(existing.status()).isEqualTo(400);
        assertThat(existing.body()).contains("EXISTS");
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.body()).contains("nameZh");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(entry(code)).isNull();
        assertThat(entry("B02").get("nameZh").asString()).isEqualTo("孕情环情检查");
        assertThat(audited(code) + audited("B02")).isZero();
    }

    @Test
    void onlyASystemAdministratorChangesTheCatalogue() {
        var renamed = api.put(
                "/api/v1/services/catalogue/B02", json.writeValueAsString(Map.of("nameZh", "改名")), officer, null);

        assertThat(renamed.status()).isEqualTo(403);
        assertThat(entry("B02").get("nameZh").asString()).isEqualTo("孕情环情检查");
    }

    @Test
    void aRetiredServiceIsRefusedForNewRecords() {
        String code = freeCode("A");
        api.post("/api/v1/services/catalogue", json.writeValueAsString(Map.of("code", code, "nameZh", "临时宣传")), admin);
        api.put(
                "/api/v1/services/catalogue/" + code,
                json.writeValueAsString(Map.of("nameZh", "临时宣传", "active", false)),
                admin,
                null);
        String provider = api.token(users.ready("catprovider", Role.SERVICE_PROVIDER, "110107001"));
        var body = ServiceApiTests.woman(
                "停用服务", "19900808", "700", java.time.LocalDate.now().minusYears(1));
        long person = api.post("/api/v1/persons", json.writeValueAsString(body), officer)
                .json()
                .get("id")
                .asLong();

        var refused = api.post(
                "/api/v1/persons/" + person + "/services",
                json.writeValueAsString(ServiceApiTests.service(code, java.time.LocalDate.now(), null)),
                provider);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("服务目录中没有");
    }
}
