package org.liudong.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liudong.security.Role;
import org.liudong.security.TestUsers;
import org.liudong.support.ApiClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The residence clock of the eugenic check through the ledger's real moves: a move within the district keeps
 * it, a move out and back starts it again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EligibilityMovesTests {

    @LocalServerPort
    int port;

    @Autowired
    TestUsers users;

    ApiClient api;
    String officer;
    final JsonMapper json = JsonMapper.builder().build();
    final LocalDate today = LocalDate.now();

    @BeforeEach
    void signIn() {
        api = new ApiClient(port);
        officer = api.token(users.ready("movesofficer", Role.DISTRICT_OFFICER, "110107"));
    }

    long register(String name, String birth, LocalDate movedIn) {
        var answer = api.post(
                "/api/v1/persons",
                json.writeValueAsString(ServiceApiTests.woman(name, birth, "A10", movedIn)),
                officer);
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.json().get("id").asLong();
    }

    void move(long person, String body) {
        var answer = api.post("/api/v1/persons/" + person + "/moves", body, officer);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    JsonNode eugenicCheck(long person) {
        var answer = api.get("/api/v1/persons/" + person + "/eligibility?on=" + today, officer);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        for (JsonNode node : answer.json()) {
            if (node.get("service").asString().equals("C02")) {
                return node;
            }
        }
        throw new AssertionError("no C02");
    }

    @Test
    void aMoveWithinTheDistrictKeepsTheSixMonthsCounted() {
        LocalDate arrived = today.minusMonths(7);
        long person = register("区内搬迁", "19890901", arrived);

        move(
                person,
                "{\"type\":\"WITHIN\",\"on\":\"" + today.minusMonths(1) + "\",\"communityCode\":\"110107002001\"}");

        JsonNode check = eugenicCheck(person);
        assertThat(check.get("eligible").asBoolean()).as(check.toString()).isTrue();
        assertThat(check.get("reasons").toString()).contains("自" + arrived + "起在本区连续居住");
    }

    @Test
    void aMoveOutAndBackStartsTheClockAgain() {
        long person = register("迁出返回", "19890902", today.minusMonths(9));
        LocalDate back = today.minusMonths(2);

        move(person, "{\"type\":\"OUT\",\"on\":\"" + today.minusMonths(3) + "\",\"destinationCode\":\"130602\"}");
        move(
                person,
                "{\"type\":\"BACK\",\"on\":\"" + back + "\",\"communityCode\":\"" + ServiceApiTests.COMMUNITY
                        + "\",\"reason\":\"WORK_BUSINESS\"}");

        JsonNode check = eugenicCheck(person);
        assertThat(check.get("eligible").asBoolean()).as(check.toString()).isFalse();
        assertThat(check.get("reasons").toString()).contains("自" + back + "起").contains("不满6个月");
    }
}
