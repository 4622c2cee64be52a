package org.liudong.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liudong.security.Role;
import org.liudong.security.TestUsers;
import org.liudong.shared.IdNumber;
import org.liudong.support.ApiClient;
import org.liudong.support.TestIdNumbers;
import org.liudong.support.TestPersons;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A site manager keeps a site's ledger but does not see full ID numbers or reproductive health. The person page
 * always masked them; the edit form once showed them all, in plain text. Now the form shows what the role may see,
 * saving it keeps the rest, and the API refuses a change to what the role was never shown.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
class EditPrivacyTests {

    private static final String COMMUNITY = "110107001003";

    @LocalServerPort
    int port;

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    PersonRegistration registration;

    @Autowired
    JdbcClient jdbc;

    final JsonMapper json = JsonMapper.builder().build();
    String idNumber;
    String spouseId;
    long id;

    @BeforeEach
    void register() {
        idNumber = TestIdNumbers.of("130602", "19880312", "2");
        spouseId = TestIdNumbers.of("130602", "19850101", "1");
        var minimal = TestPersons.minimal("范小梅", idNumber, COMMUNITY);
        var family = TestPersons.familyFilledIn(minimal);
        var input = new PersonInput(
                family.name(),
                family.idNumber(),
                family.sex(),
                family.ethnicity(),
                family.education(),
                family.maritalStatus(),
                family.householdType(),
                family.householdCode(),
                family.householdAddress(),
                "13912345678",
                family.employer(),
                family.occupation(),
                new PersonInput.SpouseInput("郭大山", spouseId, "130602"),
                family.children(),
                family.contraceptionCode(),
                family.contraceptionSince(),
                family.pregnancyStatus(),
                family.certificate(),
                family.residence());
        id = users.as(
                users.ready("privacyworker", Role.COMMUNITY_WORKER, COMMUNITY).username(),
                () -> registration.register(input, true).person().id());
    }

    private String editForm(Role role, String scope) throws Exception {
        var response = mvc.perform(get("/persons/" + id + "/edit")
                        .with(authentication(users.authentication("privacy", role, scope))))
                .andReturn()
                .getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        return response.getContentAsString(StandardCharsets.UTF_8);
    }

    private long reads(String how) {
        return jdbc.sql(
                        "select count(*) from audit_event where action = 'PERSON_READ' and target_id = ? and detail = ?")
                .params(String.valueOf(id), how)
                .query(Long.class)
                .single();
    }

    private String spouseHash() {
        return jdbc.sql("select spouse_id_hash from person where id = ?")
                .param(id)
                .query(String.class)
                .single();
    }

    @Test
    void theSiteManagersEditFormShowsOnlyWhatTheRoleMaySee() throws Exception {
        String html = editForm(Role.SITE_MANAGER, COMMUNITY);

        assertThat(html)
                .contains(new IdNumber(idNumber).masked(), new IdNumber(spouseId).masked(), "13912345678")
                .doesNotContain(idNumber, spouseId, "2010-05-01", "2010-09-01", "name=\"contraceptionCode\"")
                .contains("您的角色不能查看婚育和生殖健康信息");
        assertThat(reads("edit-form")).as("one opening, one audit row").isEqualTo(1);

        String officers = editForm(Role.COMMUNITY_WORKER, COMMUNITY);
        assertThat(officers).contains(idNumber, spouseId, "2010-05-01", "name=\"contraceptionCode\"");
        assertThat(reads("edit-form")).isEqualTo(2);
    }

    @Test
    void whatTheSiteManagerWasNotShownStaysAsItIsAndCannotBeReplaced() {
        var api = new ApiClient(port);
        String manager = api.token(users.ready("privacymanager", Role.SITE_MANAGER, COMMUNITY));
        var read = api.get("/api/v1/persons/" + id, manager);
        assertThat(read.status()).isEqualTo(200);
        var view = (ObjectNode) read.json();
        assertThat(view.get("idNumber").asString()).isEqualTo(new IdNumber(idNumber).masked());
        assertThat(view.get("children").isEmpty()).isTrue();

        // the person as shown, with a new employer: what was masked or withheld is sent back as shown
        var body = json.createObjectNode();
        body.put("name", "范小梅");
        body.put("idNumber", view.get("idNumber").asString());
        body.put("maritalStatus", "22");
        body.put("householdCode", "130602");
        body.put("phone", "13912345678");
        body.put("employer", "鲁谷便民菜市场");
        var spouse = body.putObject("spouse");
        spouse.put("name", "郭大山");
        spouse.put("idNumber", view.at("/spouse/idNumber").asString());
        spouse.put("householdCode", "130602");
        body.putArray("children");
        String version = "\"" + view.get("version").asInt() + "\"";

        var changedId = body.deepCopy().put("idNumber", TestIdNumbers.of("130602", "19880313", "2"));
        var refusedId = api.put("/api/v1/persons/" + id, changedId.toString(), manager, version);
        assertThat(refusedId.status()).isEqualTo(400);
        assertThat(refusedId.body()).contains("HIDDEN_ID");

        var withHealth = body.deepCopy().put("contraceptionCode", "100");
        var refusedHealth = api.put("/api/v1/persons/" + id, withHealth.toString(), manager, version);
        assertThat(refusedHealth.status()).isEqualTo(400);
        assertThat(refusedHealth.body()).contains("HIDDEN_HEALTH");

        String spouseHash = spouseHash();
        var saved = api.put("/api/v1/persons/" + id, body.toString(), manager, version);
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);

        String officer = api.token(users.ready("privacyofficer", Role.COMMUNITY_WORKER, COMMUNITY));
        var after = api.get("/api/v1/persons/" + id, officer).json();
        assertThat(after.get("employer").asString()).isEqualTo("鲁谷便民菜市场");
        assertThat(after.get("contraceptionCode").asString()).isEqualTo("700");
        assertThat(after.get("contraceptionSince").asString()).isEqualTo("2010-09-01");
        assertThat(after.at("/children/0/birthDate").asString()).isEqualTo("2010-05-01");
        assertThat(after.get("version").asInt()).isEqualTo(view.get("version").asInt() + 1);
        var revealed = api.post("/api/v1/persons/" + id + "/id-number", "{}", officer);
        assertThat(revealed.body()).contains(idNumber);
        assertThat(spouseHash()).isNotNull().isEqualTo(spouseHash);
        var history = api.get("/api/v1/persons/" + id + "/history", officer).json();
        List<String> changed = history.valueStream()
                .flatMap(entry -> entry.get("changes").valueStream())
                .map(change -> change.get("field").asString())
                .toList();
        assertThat(changed).contains("employer").doesNotContain("idNumber", "children", "contraceptionCode");
    }
}
