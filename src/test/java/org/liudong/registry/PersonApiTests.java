package org.liudong.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
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
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PersonApiTests {

    static final String BABAOSHAN_COMMUNITY = "110107001003";
    static final String LAOSHAN_COMMUNITY = "110107002001";

    @LocalServerPort
    int port;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PersonQueries queries;

    ApiClient api;
    String officer;
    String officerName;
    final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void signIn() {
        api = new ApiClient(port);
        var user = users.ready("ledger", Role.DISTRICT_OFFICER, "110107");
        officer = api.token(user);
        officerName = user.username();
    }

    static Map<String, Object> person(String name, String idNumber, String community) {
        return Map.of(
                "name",
                name,
                "idNumber",
                idNumber,
                "householdCode",
                "130602",
                "maritalStatus",
                "20",
                "phone",
                "13912345678",
                "residence",
                Map.of(
                        "communityCode", community,
                        "address", "八宝山路1号",
                        "housingType", "RENTED",
                        "movedIn", "2024-03-01",
                        "reason", "WORK_BUSINESS"));
    }

    /** Registers a woman from 130602 living in a community through the API; answers her id. */
    static long registered(ApiClient api, String token, String name, String idNumber, String community) {
        var answer = api.post(
                "/api/v1/persons",
                JsonMapper.builder().build().writeValueAsString(person(name, idNumber, community)),
                token);
        org.assertj.core.api.Assertions.assertThat(answer.status())
                .as(answer.body())
                .isEqualTo(201);
        return answer.json().get("id").asLong();
    }

    private ApiClient.Answer register(Map<String, Object> body) {
        return api.post("/api/v1/persons", json.writeValueAsString(body), officer);
    }

    @Test
    void registersAFloatingWomanOfChildbearingAgeAndAnswersMaskedIdAndClassification() {
        String id = TestIdNumbers.of("130602", "19900101", "2");

        var answer = register(person("王芳", id, BABAOSHAN_COMMUNITY));

        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        var body = answer.json();
        assertThat(body.get("id").asLong()).isPositive();
        assertThat(body.get("idNumber").asString()).isEqualTo(id.substring(0, 6) + "********" + id.substring(14));
        assertThat(body.get("classification").get("category").asString()).isEqualTo("FLOATING_FP");
        assertThat(body.get("classification").get("article").asString()).isEqualTo("第二条");
        assertThat(body.get("classification").get("reason").asString()).contains("竞秀区");
        assertThat(body.get("version").asInt()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void theIdNumberIsStoredEncryptedWithOnlyAKeyedHashForLookup() {
        String id = TestIdNumbers.of("130602", "19910101", "2");
        long personId =
                register(person("李娜", id, BABAOSHAN_COMMUNITY)).json().get("id").asLong();

        var row = jdbc.sql("select id_number_enc, id_number_hash, phone_enc from person where id = ?")
                .param(personId)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})
                .single();

        assertThat(row[0]).startsWith("v1:").doesNotContain(id);
        assertThat(row[1]).hasSize(64).doesNotContain(id);
        assertThat(row[2]).startsWith("v1:").doesNotContain("13912345678");
    }

    @Test
    void theSameIdNumberInItsFifteenDigitFormIsA409WithTheExistingPerson() {
        String eighteen = "130602199001011234";
        jdbc.sql("delete from person_history where person_id in (select id from person where name = '赵敏')")
                .update();
        var first = register(person("赵敏", eighteen, BABAOSHAN_COMMUNITY));
        long existing = first.status() == 201
                ? first.json().get("id").asLong()
                : first.json().get("existingId").asLong();

        var second = register(person("赵敏", "130602900101123", LAOSHAN_COMMUNITY));

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.json().get("existingId").asLong()).isEqualTo(existing);
    }

    @Test
    void everyWrongFieldIsNamedAndNothingIsStored() {
        long before = jdbc.sql("select count(*) from person").query(Long.class).single();
        var bad = new java.util.HashMap<>(person("", "11010519491231002Y", BABAOSHAN_COMMUNITY));
        bad.put("ethnicity", "77");
        bad.put("householdCode", "99");
        bad.put("residence", Map.of("communityCode", "110107001003", "movedIn", "2024-02-30", "reason", "HOLIDAY"));

        var answer = register(bad);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        var fields = new java.util.ArrayList<String>();
        answer.json()
                .get("errors")
                .forEach(error -> fields.add(error.get("field").asString()));
        assertThat(fields)
                .contains("name", "idNumber", "ethnicity", "householdCode", "residence.movedIn", "residence.reason");
        answer.json()
                .get("errors")
                .forEach(error -> assertThat(error.get("message").asString()).isNotBlank());
        assertThat(jdbc.sql("select count(*) from person").query(Long.class).single())
                .isEqualTo(before);
    }

    @Test
    void aHistoricalHouseholdCodeIsAcceptedWithANotice() {
        var body =
                new java.util.HashMap<>(person("孙伟", TestIdNumbers.of("110228", "19850101", "1"), BABAOSHAN_COMMUNITY));
        body.put("householdCode", "110228");

        var answer = register(body);

        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        assertThat(answer.json().get("notices").get(0).get("code").asString()).isEqualTo("HISTORICAL_CODE");
        assertThat(answer.json().get("classification").get("category").asString())
                .isEqualTo("FLOATING_FP");
    }

    @Test
    void wrongJsonWrongTypesAndHugeBodiesAre400NotServerErrors() {
        assertThat(api.post("/api/v1/persons", "{not json", officer).status()).isEqualTo(400);
        assertThat(api.post("/api/v1/persons", "{\"children\": 5}", officer).status())
                .isEqualTo(400);
        assertThat(api.post("/api/v1/persons", "[]", officer).status()).isEqualTo(400);
        String huge = "{\"name\":\"" + "张".repeat(1_100_000) + "\"}";
        assertThat(api.post("/api/v1/persons", huge, officer).status()).isEqualTo(400);
    }

    @Test
    void editsWithTheRightVersionAndRefusesAStaleOneShowingWhatChanged() {
        String id = TestIdNumbers.of("130602", "19880808", "2");
        long personId =
                register(person("周丽", id, BABAOSHAN_COMMUNITY)).json().get("id").asLong();
        var read = api.get("/api/v1/persons/" + personId, officer);
        int version = read.json().get("version").asInt();
        var edited = new java.util.HashMap<>(person("周丽", id, BABAOSHAN_COMMUNITY));
        edited.put("employer", "石景山万达广场");

        var first = api.put(
                "/api/v1/persons/" + personId, json.writeValueAsString(edited), officer, String.valueOf(version));
        edited.put("employer", "鲁谷社区超市");
        var stale = api.put(
                "/api/v1/persons/" + personId, json.writeValueAsString(edited), officer, String.valueOf(version));

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("employer").asString()).isEqualTo("石景山万达广场");
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().get("currentVersion").asInt())
                .isEqualTo(first.json().get("version").asInt());
        assertThat(stale.json()
                        .get("changes")
                        .get(0)
                        .get("changes")
                        .get(0)
                        .get("field")
                        .asString())
                .isEqualTo("employer");
        var history =
                api.get("/api/v1/persons/" + personId + "/history", officer).json();
        assertThat(history.get(0).get("action").asString()).isEqualTo("UPDATED");
        assertThat(history.get(0).get("changes").get(0).get("after").asString()).isEqualTo("石景山万达广场");
    }

    @Test
    void movesWithinOutAndBackKeepEveryEpisode() {
        long personId = register(person("吴刚", TestIdNumbers.of("130602", "19870707", "1"), BABAOSHAN_COMMUNITY))
                .json()
                .get("id")
                .asLong();

        var within = api.post(
                "/api/v1/persons/" + personId + "/moves",
                "{\"type\":\"WITHIN\",\"on\":\"2024-06-01\",\"communityCode\":\"" + LAOSHAN_COMMUNITY + "\"}",
                officer);
        var out = api.post(
                "/api/v1/persons/" + personId + "/moves",
                "{\"type\":\"OUT\",\"on\":\"2024-09-01\",\"destinationCode\":\"130602\"}",
                officer);
        var back = api.post(
                "/api/v1/persons/" + personId + "/moves",
                "{\"type\":\"BACK\",\"on\":\"2025-01-10\",\"communityCode\":\"" + BABAOSHAN_COMMUNITY
                        + "\",\"reason\":\"WORK_BUSINESS\"}",
                officer);

        assertThat(within.status()).as(within.body()).isEqualTo(200);
        assertThat(out.status()).as(out.body()).isEqualTo(200);
        assertThat(out.json().get("status").asString()).isEqualTo("MOVED_OUT");
        assertThat(back.status()).as(back.body()).isEqualTo(200);
        var episodes = back.json().get("episodes");
        assertThat(episodes.size()).isEqualTo(3);
        assertThat(episodes.get(0).get("endKind").asString()).isEqualTo("MOVED_WITHIN");
        assertThat(episodes.get(1).get("endKind").asString()).isEqualTo("MOVED_OUT");
        assertThat(episodes.get(1).get("destinationCode").asString()).isEqualTo("130602");
        assertThat(episodes.get(2).get("movedOut").isNull()).isTrue();
        assertThat(back.json().get("status").asString()).isEqualTo("ACTIVE");
    }

    @Test
    void aVerificationVisitChangesOnlyTheLastVerifiedDate() {
        long personId = register(person("郑洁", TestIdNumbers.of("130602", "19920202", "2"), BABAOSHAN_COMMUNITY))
                .json()
                .get("id")
                .asLong();

        var verified = api.post("/api/v1/persons/" + personId + "/verifications", "{\"on\":\"2025-05-05\"}", officer);

        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        assertThat(verified.json().get("lastVerifiedOn").asString()).isEqualTo("2025-05-05");
        assertThat(verified.json().get("episodes").size()).isEqualTo(1);
    }

    @Test
    void findsByIdNumberInTheBodyAndByNamePrefix() {
        String id = TestIdNumbers.of("410102", "19860606", "2");
        long personId = register(person("欧阳娜娜", id, BABAOSHAN_COMMUNITY))
                .json()
                .get("id")
                .asLong();

        var byId = api.post("/api/v1/persons/search", "{\"idNumber\":\"" + id.toLowerCase() + "\"}", officer);
        var byName = api.get("/api/v1/persons?name=%E6%AC%A7%E9%98%B3", officer);

        assertThat(byId.status()).as(byId.body()).isEqualTo(200);
        assertThat(byId.json().get("id").asLong()).isEqualTo(personId);
        assertThat(byName.json().get("items").findValues("id").stream().map(n -> n.asLong()))
                .contains(personId);
    }

    @Test
    void theDoorsToKnockOnAreThoseNotVerifiedForHalfAYearOrNever() {
        long verified = register(person("闾丘甲", TestIdNumbers.of("130602", "19730405", "2"), BABAOSHAN_COMMUNITY))
                .json()
                .get("id")
                .asLong();
        long never = register(person("闾丘乙", TestIdNumbers.of("130602", "19730406", "2"), BABAOSHAN_COMMUNITY))
                .json()
                .get("id")
                .asLong();
        long longAgo = register(person("闾丘丙", TestIdNumbers.of("130602", "19730407", "2"), BABAOSHAN_COMMUNITY))
                .json()
                .get("id")
                .asLong();
        assertThat(api.post("/api/v1/persons/" + verified + "/verifications", "{}", officer)
                        .status())
                .isEqualTo(200);
        jdbc.sql("update person set last_verified_on = current_date - 200 where id = ?")
                .param(longAgo)
                .update();

        var due = api.get("/api/v1/persons?name=" + enc("闾丘") + "&verification=DUE", officer);
        var all = api.get("/api/v1/persons?name=" + enc("闾丘"), officer);
        var wrong = api.get("/api/v1/persons?name=" + enc("闾丘") + "&verification=SOON", officer);

        assertThat(due.status()).isEqualTo(200);
        List<Long> dueIds = new ArrayList<>();
        due.json().get("items").forEach(item -> dueIds.add(item.get("id").asLong()));
        assertThat(dueIds).containsExactlyInAnyOrder(never, longAgo);
        assertThat(all.json().get("total").asLong()).isEqualTo(3);
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body()).contains("verification");
    }

    private static String enc(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The first page of two of each search, with the search cap set to {@code cap} meanwhile. */
    private List<PersonPage> firstPagesWithCap(int cap, PersonFilter... filters) {
        PersonQueries target = org.springframework.test.util.AopTestUtils.getUltimateTargetObject(queries);
        target.setSearchCap(cap);
        try {
            return java.util.Arrays.stream(filters)
                    .map(filter -> queries.search(filter, 0, 2))
                    .toList();
        } finally {
            target.setSearchCap(PersonPage.CAP);
        }
    }

    @Test
    void aSearchForThoseLivingInAStreetBeyondTheCapSaysHowManyMatchInAll() {
        for (String given : List.of("甲", "乙", "丙")) {
            register(person("宰父" + given, TestIdNumbers.of("130602", "19720405", "2"), BABAOSHAN_COMMUNITY));
        }
        users.signIn(officerName);
        var living = new PersonFilter(null, "110107001", null, null, null, null, "ACTIVE", null);
        var livingOfCategory = new PersonFilter(null, "110107001", "FLOATING_FP", null, null, null, "ACTIVE", null);
        var named = new PersonFilter("宰父", "110107001", null, null, null, null, "ACTIVE", null);
        var community = new PersonFilter(null, BABAOSHAN_COMMUNITY, null, null, null, null, "ACTIVE", null);

        var pages = firstPagesWithCap(2, living, livingOfCategory, named, community);
        PersonPage all = pages.get(0);
        PersonPage ofCategory = pages.get(1);
        PersonPage byName = pages.get(2);
        PersonPage inCommunity = pages.get(3);

        String count = "select count(*) from person where status = 'ACTIVE' and org_path like '/11/110107/110107001/%'";
        long counted = jdbc.sql(count).query(Long.class).single();
        long countedOfCategory = jdbc.sql(count + " and category = 'FLOATING_FP'")
                .query(Long.class)
                .single();
        assertThat(counted).isGreaterThanOrEqualTo(3);
        assertThat(all.more()).isTrue();
        assertThat(all.total()).isEqualTo(2);
        assertThat(all.allMatching()).isEqualTo(counted);
        assertThat(ofCategory.allMatching()).isEqualTo(countedOfCategory);
        // a name is not something the counting rollups know, and a community lies below them
        assertThat(byName.more()).isTrue();
        assertThat(byName.allMatching()).isNull();
        assertThat(inCommunity.more()).isTrue();
        assertThat(inCommunity.allMatching()).isNull();
    }

    @Test
    void aBroadSearchCountsAndPagesAtMostTheCapAndSaysThatMoreMatch() {
        List<Long> registered = new ArrayList<>();
        for (String given : List.of("甲", "乙", "丙", "丁")) {
            registered.add(
                    register(person("仉督" + given, TestIdNumbers.of("130602", "19710405", "2"), BABAOSHAN_COMMUNITY))
                            .json()
                            .get("id")
                            .asLong());
        }
        users.signIn(officerName);
        var filter = new PersonFilter("仉督", null, null, null, null, null, null, null);

        PersonQueries target = org.springframework.test.util.AopTestUtils.getUltimateTargetObject(queries);
        PersonPage all;
        PersonPage capped;
        PersonPage second;
        PersonPage beyond;
        try {
            target.setSearchCap(10);
            all = queries.search(filter, 0, 10);
            target.setSearchCap(3);
            capped = queries.search(filter, 0, 2);
            second = queries.search(filter, 1, 2);
            beyond = queries.search(filter, 5, 2);
        } finally {
            target.setSearchCap(PersonPage.CAP);
        }

        assertThat(all.total()).isEqualTo(4);
        assertThat(all.more()).isFalse();
        List<Long> newestFirst = new ArrayList<>(registered);
        java.util.Collections.reverse(newestFirst);
        assertThat(all.items()).extracting(PersonSummary::id).containsExactlyElementsOf(newestFirst);
        assertThat(capped.total()).isEqualTo(3);
        assertThat(capped.more()).isTrue();
        assertThat(capped.pages()).isEqualTo(2);
        assertThat(capped.items()).hasSize(2);
        assertThat(second.items()).hasSize(1);
        assertThat(second.items().get(0).id())
                .isNotIn(capped.items().stream().map(PersonSummary::id).toList());
        assertThat(registered)
                .containsAll(second.items().stream().map(PersonSummary::id).toList());
        assertThat(beyond.items()).isEmpty();
        assertThat(beyond.total()).isEqualTo(3);
        assertThat(beyond.more()).isTrue();
    }

    @Test
    void everyReadOfAPersonIsAudited() {
        long personId = register(person("冯雪", TestIdNumbers.of("130602", "19930303", "2"), BABAOSHAN_COMMUNITY))
                .json()
                .get("id")
                .asLong();

        api.get("/api/v1/persons/" + personId, officer);
        api.post("/api/v1/persons/" + personId + "/id-number", "{}", officer);
        var history = api.get("/api/v1/persons/" + personId + "/history", officer);

        assertThat(history.status()).isEqualTo(200);
        var hows = jdbc.sql("select detail from audit_event where action = 'PERSON_READ' and target_id = ?")
                .param(String.valueOf(personId))
                .query(String.class)
                .list();
        assertThat(hows).contains("api", "reveal-id-number", "api-history");
    }

    @Test
    void classificationEndpointClassifiesWithoutStoring() {
        long before = jdbc.sql("select count(*) from person").query(Long.class).single();
        var answer = api.post("/api/v1/classification", """
                {"householdCode":"110105","residenceCode":"110107","purpose":"WORK_BUSINESS","expectsReturn":false,
                 "birthDate":"1990-01-01","sex":"2","referenceDate":"2013-06-30"}""", officer);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().get("category").asString()).isEqualTo("SEPARATED");
        assertThat(jdbc.sql("select count(*) from person").query(Long.class).single())
                .isEqualTo(before);
        var bad = api.post("/api/v1/classification", "{\"householdCode\":\"x\"}", officer);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").size()).as(bad.body()).isGreaterThan(3);
    }

    @Test
    void idNumberCheckExplainsEveryProblem() {
        var good = api.post("/api/v1/id-numbers/check", "{\"value\":\"110105491231002\"}", officer);
        var bad = api.post("/api/v1/id-numbers/check", "{\"value\":\"110105194902300021\"}", officer);

        assertThat(good.json().get("valid").asBoolean()).isTrue();
        assertThat(good.json().get("normalized").asString()).isEqualTo("11010519491231002X");
        assertThat(good.json().get("sex").asString()).isEqualTo("2");
        assertThat(bad.json().get("valid").asBoolean()).isFalse();
        assertThat(bad.json().get("errors").size()).isGreaterThanOrEqualTo(1);
    }
}
