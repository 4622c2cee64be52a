package org.liudong.sites;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.liudong.security.Role;
import org.liudong.security.TestUsers;
import org.liudong.support.ApiClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Roll-ups over community and street, and the rollout against its targets; street 五里坨 is used by no other test. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RollUpTests {

    static final String STREET = "110107009";
    static final String HEISHITOU = "110107009001";
    static final String XISHAN = "110107009003";

    @LocalServerPort
    int port;

    @Autowired
    TestUsers users;

    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void countsSitesMeetingEachOneAndAllFourPerCommunityAndStreetAndTheRolloutAgainstItsTarget() {
        ApiClient api = new ApiClient(port);
        var officer = users.ready("rollup", Role.DISTRICT_OFFICER, "110107");
        String token = api.token(officer);
        var streetUser = users.ready("rollstreet", Role.STREET_OFFICER, STREET);
        String street = api.token(streetUser);

        // in 广宁 (110107009), a street no other test puts sites in
        // a: organisation, publicity, service; b: service only; c: nothing; the ledger is met by none
        long a = open(api, token, HEISHITOU, "黑石头驿站");
        long b = open(api, token, HEISHITOU, "黑石头地下室");
        long c = open(api, token, XISHAN, "西山市场");
        post(api, token, "/api/v1/sites/" + a + "/members", member("HEAD", "站长", "2012-01-01"));
        post(api, token, "/api/v1/sites/" + a + "/members", member("STAFF", "信息员", "2012-01-01"));
        api.put(
                "/api/v1/sites/" + a + "/publicity",
                json.writeValueAsString(Map.of("what", "宣传栏", "location", "门口")),
                token,
                null);
        post(api, token, "/api/v1/sites/" + a + "/publicity/updates", Map.of("on", "2013-11-01", "content", "冬季"));
        for (long id : new long[] {a, b}) {
            post(api, token, "/api/v1/sites/" + id + "/activities", SiteApiTests.activity("2013-06-01", "讲座", 20));
        }

        JsonNode community = api.get("/api/v1/org-units/" + HEISHITOU + "/four-ones?year=2013", token)
                .json();
        assertThat(community.get("sites").asInt()).isEqualTo(2);
        assertThat(community.get("ledger").asInt()).isZero();
        assertThat(community.get("organisation").asInt()).isEqualTo(1);
        assertThat(community.get("publicity").asInt()).isEqualTo(1);
        assertThat(community.get("service").asInt()).isEqualTo(2);
        assertThat(community.get("allMet").asInt()).isZero();

        var streetAnswer = api.get("/api/v1/org-units/" + STREET + "/four-ones?year=2013", street);
        assertThat(streetAnswer.status()).isEqualTo(200);
        JsonNode streetCounts = streetAnswer.json();
        assertThat(streetCounts.get("sites").asInt()).isEqualTo(3);
        assertThat(streetCounts.get("service").asInt()).isEqualTo(2);
        assertThat(streetCounts.get("children")).hasSize(2);
        assertThat(streetCounts.at("/children/0/code").asString()).isEqualTo(HEISHITOU);
        assertThat(streetCounts.at("/children/0/counts/sites").asInt()).isEqualTo(2);
        assertThat(streetCounts.at("/children/1/counts/service").asInt()).isZero();

        // admit a in 2012 and b in 2013: 1/3 by 2012 (target 40%), 2/3 by 2013 (target 70%)
        admit(api, token, street, a, "2012-05-01");
        admit(api, token, street, b, "2013-05-01");
        JsonNode r2012 = api.get("/api/v1/org-units/" + STREET + "/rollout?year=2012", street)
                .json();
        assertThat(r2012.get("admitted").asInt()).isEqualTo(1);
        assertThat(r2012.get("total").asInt()).isEqualTo(3);
        assertThat(r2012.get("share").decimalValue()).isEqualByComparingTo("0.3333");
        assertThat(r2012.get("target").decimalValue()).isEqualByComparingTo("0.40");
        JsonNode r2013 = api.get("/api/v1/org-units/" + STREET + "/rollout?year=2013", street)
                .json();
        assertThat(r2013.get("admitted").asInt()).isEqualTo(2);
        assertThat(r2013.get("target").decimalValue()).isEqualByComparingTo("0.70");
        JsonNode r2011 = api.get("/api/v1/org-units/" + STREET + "/rollout?year=2011", street)
                .json();
        assertThat(r2011.get("admitted").asInt()).isZero();
        assertThat(r2011.get("target").isNull()).isTrue();
    }

    private long open(ApiClient api, String token, String community, String name) {
        Map<String, Object> site = new HashMap<>(SiteApiTests.site(community, name, "COMMUNITY", 100));
        site.put("establishedOn", "2011-06-01");
        var answer = api.post("/api/v1/sites", json.writeValueAsString(site), token);
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.json().get("id").asLong();
    }

    private void post(ApiClient api, String token, String path, Object body) {
        var answer = api.post(path, json.writeValueAsString(body), token);
        assertThat(answer.status()).as(answer.body()).isBetween(200, 299);
    }

    private void admit(ApiClient api, String district, String street, long id, String on) {
        String body = "{\"on\":\"" + on + "\",\"note\":\"限期整改\"}";
        assertThat(api.post("/api/v1/sites/" + id + "/admission/apply", body, street)
                        .status())
                .isEqualTo(200);
        assertThat(api.post("/api/v1/sites/" + id + "/admission/check", body, street)
                        .status())
                .isEqualTo(200);
        assertThat(api.post("/api/v1/sites/" + id + "/admission/admit", body, district)
                        .status())
                .isEqualTo(200);
    }

    private static Map<String, Object> member(String kind, String duty, String since) {
        return SiteApiTests.member(kind, duty, "王" + duty, since);
    }
}
