package org.liudong.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import org.junit.jupiter.api.Test;
import org.liudong.security.Role;
import org.liudong.security.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

/** The due list's page: a street's or a community's list at once; above a street, the choice of a street first. */
@SpringBootTest
@AutoConfigureMockMvc
class DuePageTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    String page(String path, Role role, String scope) throws Exception {
        var response = mvc.perform(get(path).with(authentication(users.authentication("due", role, scope))))
                .andReturn()
                .getResponse();
        assertThat(response.getStatus()).as(path).isEqualTo(200);
        return response.getContentAsString();
    }

    @Test
    void aDistrictOfficerChoosesAStreetBeforeAnyListIsMade() throws Exception {
        String district = page("/services", Role.DISTRICT_OFFICER, "110107");
        assertThat(district)
                .contains("id=\"due-streets\"", "/services?unit=110107001", "八宝山街道")
                .doesNotContain("id=\"due-table\"", "id=\"due-summary\"");

        assertThat(page("/services?unit=110107001", Role.DISTRICT_OFFICER, "110107"))
                .contains("id=\"due-summary\"")
                .doesNotContain("id=\"due-streets\"");
        assertThat(page("/services?unit=110107", Role.DISTRICT_OFFICER, "110107"))
                .as("the whole district when asked for")
                .contains("id=\"due-summary\"");
    }

    @Test
    void aStreetOrCommunityWorkerSeesTheirListAtOnce() throws Exception {
        assertThat(page("/services", Role.STREET_OFFICER, "110107001")).contains("id=\"due-summary\"");
        assertThat(page("/services", Role.COMMUNITY_WORKER, "110107001003")).contains("id=\"due-summary\"");
    }

    @Test
    void aMonthNotBegunIsShownAsAForecast() throws Exception {
        var next = java.time.YearMonth.now().plusMonths(1);
        assertThat(page("/services?month=" + next, Role.COMMUNITY_WORKER, "110107001003"))
                .contains("id=\"due-future\"", next + " 尚未开始");
        assertThat(page("/services", Role.COMMUNITY_WORKER, "110107001003")).doesNotContain("id=\"due-future\"");
        assertThat(page(
                        "/services?month=" + java.time.YearMonth.now().minusMonths(1),
                        Role.COMMUNITY_WORKER,
                        "110107001003"))
                .doesNotContain("id=\"due-future\"");
    }
}
