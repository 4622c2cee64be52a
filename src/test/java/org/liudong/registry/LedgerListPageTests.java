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
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

/** The ledger list's filters as a worker uses them: a province chosen by its name, age bands that say what they are. */
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
        users.signIn(users.ready("ledgerlistreg", Role.COMMUNITY_WORKER, "110107001003")
                .username());
        try {
            registration.register(
                    TestPersons.minimal("冀省份", TestIdNumbers.of("130602", "19910203", "2"), "110107001003"), true);
        } finally {
            SecurityContextHolder.clearContext();
        }

        String hebei = list("originProvince=13");
        String select = hebei.substring(
                hebei.indexOf("id=\"f-province\""), hebei.indexOf("</select>", hebei.indexOf("id=\"f-province\"")));
        assertThat(select).contains(">河北省<", ">河南省<", ">北京市<").doesNotContain("placeholder");
        assertThat(select).containsPattern("value=\"13\"[^>]*selected");
        assertThat(hebei).contains("冀省份", ">18–49 岁（育龄）<", ">60 岁及以上<");
        assertThat(list("originProvince=41")).doesNotContain("冀省份");
    }
}
