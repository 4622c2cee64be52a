package org.liudong.sites;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.liudong.security.Role;
import org.liudong.security.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

/** A refused site form in either language: the rules' words in Chinese, field and error by code in English. */
@SpringBootTest
@AutoConfigureMockMvc
class SitePagesTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    String refused(String lang) throws Exception {
        var response = mvc.perform(post("/sites")
                        .param("communityCode", "110107001003")
                        .param("name", "")
                        .param("model", "COMMUNITY")
                        .param("estimatedHeadcount", "-5")
                        .cookie(new Cookie("liudong-lang", lang))
                        .with(csrf())
                        .with(authentication(users.authentication("sitepage", Role.COMMUNITY_WORKER, "110107001003"))))
                .andReturn()
                .getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        String html = response.getContentAsString(StandardCharsets.UTF_8);
        return html.substring(
                html.indexOf("id=\"form-errors\""), html.indexOf("<form", html.indexOf("id=\"form-errors\"")));
    }

    @Test
    void aRefusedSiteFormSaysWhyInTheReadersLanguage() throws Exception {
        assertThat(refused("zh-CN")).contains("请填写站点名称", "预计服务人数不能为负数");
        assertThat(refused("en"))
                .contains("Site name: Required", "Estimated headcount: Cannot be negative")
                .doesNotContain("请填写");
    }
}
