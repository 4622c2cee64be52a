package org.liudong.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liudong.security.Role;
import org.liudong.security.TestUsers;
import org.liudong.support.ApiClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The interfaces later work relies on, called over HTTP as a client would. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiContractTests {

    @LocalServerPort
    int port;

    @Autowired
    TestUsers users;

    ApiClient api;
    static String districtToken;

    @BeforeEach
    void signIn() {
        api = new ApiClient(port);
        if (districtToken == null) {
            districtToken = api.token(users.ready("district", Role.DISTRICT_OFFICER, "110107"));
        }
    }

    @Test
    void healthIsUpWithoutSigningIn() {
        var answer = api.get("/actuator/health", null);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("status").asString()).isEqualTo("UP");
    }

    @Test
    void everyApiCallButTheTokenCallNeedsAToken() {
        assertThat(api.get("/api/v1/divisions/110107", null).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/divisions/110107", "ld_not-a-real-token").status())
                .isEqualTo(401);
        assertThat(api.get("/api/v1/org-units/110107/children", null).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/calendar/working-day?date=2024-10-01", null).status())
                .isEqualTo(401);
    }

    @Test
    void divisionAnswersWithCodeNameLevelTypeParentAndHistorical() {
        var answer = api.get("/api/v1/divisions/110107", districtToken);

        assertThat(answer.status()).isEqualTo(200);
        var json = answer.json();
        assertThat(json.get("code").asString()).isEqualTo("110107");
        assertThat(json.get("name").asString()).isEqualTo("石景山区");
        assertThat(json.get("level").asString()).isEqualTo("COUNTY");
        assertThat(json.get("type").asString()).isEqualTo("DISTRICT");
        assertThat(json.get("parentCode").asString()).isEqualTo("1101");
        assertThat(json.get("historical").asBoolean()).isFalse();
    }

    @Test
    void abolishedMiyunCountyResolvesAsAHistoricalCounty() {
        var json = api.get("/api/v1/divisions/110228", districtToken).json();

        assertThat(json.get("type").asString()).isEqualTo("COUNTY");
        assertThat(json.get("historical").asBoolean()).isTrue();
        assertThat(json.get("parentCode").asString()).startsWith("11");
    }

    @Test
    void unknownDivisionIsA404ProblemNamingTheCode() {
        var answer = api.get("/api/v1/divisions/990101", districtToken);

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().get("detail").asString()).contains("990101");
    }

    @Test
    void malformedCodesAre400Problems() {
        for (String code : new String[] {"11A107", "1101071", "x"}) {
            var answer = api.get("/api/v1/divisions/" + code, districtToken);
            assertThat(answer.status()).as(code).isEqualTo(400);
            assertThat(answer.contentType()).as(code).startsWith("application/problem+json");
        }
        assertThat(api.get("/api/v1/org-units/11A107/children", districtToken).status())
                .isEqualTo(400);
    }

    @Test
    void shijingshanHasItsNineStreetsAsChildrenWithPaths() {
        var answer = api.get("/api/v1/org-units/110107/children", districtToken);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().size()).isEqualTo(9);
        var first = answer.json().get(0);
        assertThat(first.get("code").asString()).isEqualTo("110107001");
        assertThat(first.get("name").asString()).isEqualTo("八宝山街道");
        assertThat(first.get("level").asString()).isEqualTo("STREET");
        assertThat(first.get("path").asString()).isEqualTo("/11/110107/110107001/");
    }

    @Test
    void aStreetScopedTokenGets403OutsideItsStreet() {
        var street = users.ready("street", Role.STREET_OFFICER, "110107001");
        String token = api.token(street);

        assertThat(api.get("/api/v1/org-units/110107001/children", token).status())
                .isEqualTo(200);
        var outside = api.get("/api/v1/org-units/110107002/children", token);
        assertThat(outside.status()).isEqualTo(403);
        assertThat(outside.contentType()).startsWith("application/problem+json");
        assertThat(api.get("/api/v1/org-units/110107/children", token).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/org-units/110108/children", districtToken).status())
                .isEqualTo(403);
    }

    @Test
    void calendarAddsWorkingDaysAcrossNationalDay() {
        var answer = api.get("/api/v1/calendar/add-working-days?from=2024-09-30&days=1", districtToken);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("date").asString()).isEqualTo("2024-10-08");
    }

    @Test
    void calendarKnowsMakeUpWorkingDays() {
        var saturday = api.get("/api/v1/calendar/working-day?date=2024-10-12", districtToken);
        var holiday = api.get("/api/v1/calendar/working-day?date=2024-10-01", districtToken);

        assertThat(saturday.json().get("workingDay").asBoolean()).isTrue();
        assertThat(holiday.json().get("workingDay").asBoolean()).isFalse();
        assertThat(api.get("/api/v1/calendar/working-day?date=2024-02-30", districtToken)
                        .status())
                .isEqualTo(400);
    }

    @Test
    void apiIsDescribedBySpringdoc() {
        var docs = api.get("/v3/api-docs", null);

        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().get("paths").has("/api/v1/divisions/{code}")).isTrue();
        assertThat(docs.json().get("paths").has("/api/v1/auth/token")).isTrue();
        assertThat(docs.json().get("info").get("title").asString()).isEqualTo("Liudong (流动) API");
        assertThat(api.get("/swagger-ui.html", null).status()).isIn(200, 302);
    }
}
