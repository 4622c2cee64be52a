package org.liudong.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.liudong.security.Role;
import org.liudong.security.TestUsers;
import org.liudong.support.TestIdNumbers;
import org.liudong.support.TestPersons;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The ledger's pages as a worker uses them: a province chosen by its name, age bands that say what they are, no
 * street choice for a community's worker, and on a person's page the record number a merge asks for and an expired
 * certificate marked.
 */
@SpringBootTest
@AutoConfigureMockMvc
class LedgerListPageTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    PersonRegistration registration;

    private String list(String query) throws Exception {
        var response = mvc.perform(get("/persons?" + query)
                        .with(authentication(
                                users.authentication("ledgerlist", Role.COMMUNITY_WORKER, "110107001003"))))
                .andReturn()
                .getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        return response.getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void theOriginProvinceIsChosenByName() throws Exception {
        users.as(
                users.ready("ledgerlistreg", Role.COMMUNITY_WORKER, "110107001003")
                        .username(),
                () -> registration.register(
                        TestPersons.minimal("冀省份", TestIdNumbers.of("130602", "19910203", "2"), "110107001003"), true));

        String hebei = list("originProvince=13");
        String select = hebei.substring(
                hebei.indexOf("id=\"f-province\""), hebei.indexOf("</select>", hebei.indexOf("id=\"f-province\"")));
        assertThat(select).contains(">河北省<", ">河南省<", ">北京市<").doesNotContain("placeholder");
        assertThat(select).containsPattern("value=\"13\"[^>]*selected");
        assertThat(hebei).contains("冀省份", ">18–49 岁（育龄）<", ">60 岁及以上<");
        assertThat(list("originProvince=41")).doesNotContain("冀省份");
    }

    @Test
    void aCommunityWorkerIsNotOfferedStreetsAndTheDistrictIs() throws Exception {
        assertThat(list("")).doesNotContain("id=\"f-org\"");
        var district = mvc.perform(get("/persons")
                        .with(authentication(users.authentication("ledgerlist", Role.DISTRICT_OFFICER, "110107"))))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(district).contains("id=\"f-org\"", ">鲁谷街道<", ">　双锦园社区<");
        // a street officer narrows the street's list to one of its communities
        var street = mvc.perform(get("/persons")
                        .with(authentication(users.authentication("ledgerlist", Role.STREET_OFFICER, "110107011"))))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        String choices = street.substring(
                street.indexOf("id=\"f-org\""), street.indexOf("</select>", street.indexOf("id=\"f-org\"")));
        // the street itself is 全部; its communities are not indented under it
        assertThat(choices).contains(">双锦园社区<").doesNotContain("八宝山").doesNotContain(">鲁谷街道<");
    }

    private String personPage(long id, String tab) throws Exception {
        return mvc.perform(get("/persons/" + id)
                        .param("tab", tab)
                        .with(authentication(
                                users.authentication("ledgerlist", Role.COMMUNITY_WORKER, "110107001003"))))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void thePersonPageShowsTheRecordNumberAMergeAsksForAndAnExpiredCertificate() throws Exception {
        var minimal = TestPersons.minimal("证过期", TestIdNumbers.of("130602", "19920405", "2"), "110107001003");
        var input = new PersonInput(
                minimal.name(),
                minimal.idNumber(),
                minimal.sex(),
                minimal.ethnicity(),
                minimal.education(),
                minimal.maritalStatus(),
                minimal.householdType(),
                minimal.householdCode(),
                minimal.householdAddress(),
                minimal.phone(),
                minimal.employer(),
                minimal.occupation(),
                minimal.spouse(),
                minimal.children(),
                minimal.contraceptionCode(),
                minimal.contraceptionSince(),
                minimal.pregnancyStatus(),
                new PersonInput.CertificateInput("冀石2010-0042", "石家庄市长安区", "2010-07-12", "2015-07-11", null, null),
                minimal.residence());
        long id = users.as(
                users.ready("ledgerlistreg", Role.COMMUNITY_WORKER, "110107001003")
                        .username(),
                () -> registration.register(input, true).person().id());

        String basic = personPage(id, "basic");
        assertThat(basic).containsPattern("id=\"record-number\">" + id + "<");
        String page = personPage(id, "fp");
        assertThat(page).contains("id=\"cert-expired\"", "已过期");
    }
}
