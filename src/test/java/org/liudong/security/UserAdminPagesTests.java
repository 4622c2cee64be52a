package org.liudong.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

/** The new-user form refused: every field at fault at once, in the reader's language, and the form kept. */
@SpringBootTest
@AutoConfigureMockMvc
class UserAdminPagesTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    private String refused(String lang) throws Exception {
        var response = mvc.perform(post("/admin/users")
                        .param("username", "a b!")
                        .param("displayName", "")
                        .param("scopeCode", "110107")
                        .param("roles", "COMMUNITY_WORKER")
                        .cookie(new Cookie("liudong-lang", lang))
                        .with(csrf())
                        .with(authentication(users.authentication("userpage", Role.SYSTEM_ADMIN, "11"))))
                .andReturn()
                .getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        String html = response.getContentAsString(StandardCharsets.UTF_8);
        return html.substring(
                html.indexOf("id=\"user-faults\""), html.indexOf("</ul>", html.indexOf("id=\"user-faults\"")));
    }

    @Test
    void everyFaultIsListedAtOnce() throws Exception {
        assertThat(refused("zh-CN")).contains("用户名须为 3–64 位小写字母", "请填写姓名", "社区计生专干、站点管理员的管辖范围应为一个社区，“石景山区”不是社区");
        assertThat(refused("en"))
                .contains("Username: 3 to 64 lower-case letters", "Name: Required", "Scope: Not the level of the roles")
                .doesNotContain("请填写");
    }

    @Test
    void theListNamesEachUsersScope() throws Exception {
        var street = users.create("userlist", Role.STREET_OFFICER, "110107001");
        String html = mvc.perform(get("/admin/users")
                        .with(authentication(users.authentication("userpage", Role.SYSTEM_ADMIN, "11"))))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        String row = html.substring(html.indexOf(street.username()));
        row = row.substring(0, row.indexOf("</tr>"));
        assertThat(row).contains("八宝山街道").contains("110107001");
    }
}
