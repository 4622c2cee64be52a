package org.liudong.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liudong.security.Role;
import org.liudong.security.TestUsers;
import org.liudong.support.TestIdNumbers;
import org.liudong.support.TestPersons;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The change history (变更历史) as its readers see it: coded values by their names in the reader's language, and
 * the values of fields a role may not see withheld, on the page and in the API, as on the person's own page.
 */
@SpringBootTest
@AutoConfigureMockMvc
class PersonHistoryPageTests {

    static final String COMMUNITY = "110107001003";

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    PersonRegistration registration;

    @Autowired
    PersonQueries queries;

    @Autowired
    JdbcClient jdbc;

    UsernamePasswordAuthenticationToken officer;
    UsernamePasswordAuthenticationToken clerk;
    long personId;

    @BeforeEach
    void aWomanWhoseFamilyDetailsWereEdited() {
        officer = users.authentication("history", Role.DISTRICT_OFFICER, "110107");
        clerk = users.authentication("history", Role.EXCHANGE_CLERK, "110107");
        SecurityContextHolder.getContext().setAuthentication(officer);
        String id = TestIdNumbers.of("130602", "19880412", "2");
        var registered = registration.register(TestPersons.minimal("史丽娟", id, COMMUNITY), true);
        personId = registered.person().id();
        var before = TestPersons.minimal("史丽娟", id, COMMUNITY);
        var edited = TestPersons.familyFilledIn(before);
        registration.update(personId, registered.person().version(), edited);
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    private String historyPage(UsernamePasswordAuthenticationToken who, String lang) throws Exception {
        var response = mvc.perform(get("/persons/{id}", personId)
                        .param("tab", "history")
                        .cookie(new Cookie("liudong-lang", lang))
                        .with(authentication(who)))
                .andReturn()
                .getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        String html = response.getContentAsString(StandardCharsets.UTF_8);
        return html.substring(html.indexOf("id=\"history\""));
    }

    @Test
    void codedValuesReadAsTheirNamesInChineseAndInEnglish() throws Exception {
        String zh = historyPage(officer, "zh-CN");
        String en = historyPage(officer, "en");

        assertThat(zh)
                .contains("婚姻状况", "已婚", "再婚", "文化程度", "初级中学", "避孕方法", "宫内节育器")
                .contains("第1孩 · 女 · 2010-05-01")
                .doesNotContain(">20<", ">22<", ">700<", "Child[", "??");
        assertThat(en)
                .contains("Marital status", "Married", "Remarried", "Education", "Junior high school")
                .contains("Contraception", "IUD", "Child 1 · Female · 2010-05-01")
                .doesNotContain("婚姻状况", "再婚", "宫内节育器", "Child[", "??");
    }

    @Test
    void aRoleThatMayNotSeeAFieldSeesThatItChangedButNotItsValues() throws Exception {
        String page = historyPage(clerk, "zh-CN");

        assertThat(page)
                .contains("再婚", "避孕方法", "子女", "户籍地址", "您的角色无权查看此项的内容")
                .doesNotContain("宫内节育器", "2010-05-01", "建设北大街");

        SecurityContextHolder.getContext().setAuthentication(clerk);
        var update = queries.history(personId, "test").get(0);
        assertThat(update.action()).isEqualTo("UPDATED");
        assertThat(update.changes())
                .filteredOn(FieldChange::withheld)
                .extracting(FieldChange::field)
                .containsExactlyInAnyOrder("householdAddress", "children", "contraceptionCode", "contraceptionSince");
        assertThat(update.changes())
                .filteredOn(c -> c.field().equals("maritalStatus"))
                .singleElement()
                .satisfies(c -> assertThat(c.after()).isEqualTo("22"));

        SecurityContextHolder.getContext().setAuthentication(officer);
        assertThat(queries.history(personId, "test").get(0).changes()).noneMatch(FieldChange::withheld);
        // withholding is a way of showing, not something stored
        assertThat(jdbc.sql("select changes::text from person_history where person_id = ? and action = 'UPDATED'")
                        .param(personId)
                        .query(String.class)
                        .single())
                .contains("建设北大街")
                .doesNotContain("withheld");
    }

    @Test
    void aRefusedVerificationOrMoveSaysWhyInTheReadersWords() throws Exception {
        String tomorrow = java.time.LocalDate.now().plusDays(1).toString();
        var verified = mvc.perform(
                        org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(
                                        "/persons/{id}/verify", personId)
                                .param("on", tomorrow)
                                .with(org.springframework.security.test.web.servlet.request
                                        .SecurityMockMvcRequestPostProcessors.csrf())
                                .with(authentication(officer)))
                .andReturn();
        assertThat(verified.getFlashMap().get("actionError"))
                .as("the rule's words, not the exception's summary")
                .isEqualTo("核实日期不能晚于今天");

        var moved = mvc.perform(
                        org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(
                                        "/persons/{id}/move", personId)
                                .param("type", "WITHIN")
                                .param("on", tomorrow)
                                .cookie(new Cookie("liudong-lang", "en"))
                                .with(org.springframework.security.test.web.servlet.request
                                        .SecurityMockMvcRequestPostProcessors.csrf())
                                .with(authentication(officer)))
                .andReturn();
        assertThat((String) moved.getFlashMap().get("actionError"))
                .doesNotContain("field(s) invalid")
                .contains("Cannot be later than today");
    }
}
