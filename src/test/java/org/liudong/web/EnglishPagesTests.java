package org.liudong.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liudong.registry.PersonRegistration;
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
 * The pages in English hold no Chinese text of their own: every Chinese character on them is something users or
 * reference data wrote (the names of org units, divisions, persons, users, sites and agreements; occupations and
 * addresses; services' providers and notes, visits' reasons, reports' and admissions' comments; services added
 * without an English name; the audit trail's records, which quote them) or sits in an element marked
 * {@code lang="zh-CN"} (the classification's reasons under the decree, written in the language of the
 * regulations). In either language no message key is missing.
 */
@SpringBootTest
@AutoConfigureMockMvc
class EnglishPagesTests {

    static final Pattern CJK = Pattern.compile("[\\u3000-\\u303f\\u4e00-\\u9fff\\uff00-\\uffef]");
    static final Pattern MARKED_CHINESE = Pattern.compile("(?s)<(\\w+)\\b[^>]*\\blang=\"zh-CN\"[^>]*>.*?</\\1>");
    static final Pattern TEXT_OR_ATTRIBUTE = Pattern.compile(">([^<]+)<|=\"([^\"]*)\"");
    /** What Thymeleaf shows for a key it did not find: {@code ??key_locale??}, the key as it was built. */
    static final Pattern MISSING_KEY = Pattern.compile("\\?\\?[^?<>]{1,120}_(zh_CN|en)\\?\\?");

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    PersonRegistration registration;

    @Autowired
    JdbcClient jdbc;

    long personId;

    @BeforeEach
    void aPersonWithAHistory() {
        SecurityContextHolder.getContext()
                .setAuthentication(users.authentication("english", Role.DISTRICT_OFFICER, "110107"));
        String id = TestIdNumbers.of("130602", "19880412", "2");
        var registered = registration.register(TestPersons.minimal("史丽娟", id, "110107001003"), true);
        personId = registered.person().id();
        var before = TestPersons.minimal("史丽娟", id, "110107001003");
        registration.update(personId, registered.person().version(), TestPersons.familyFilledIn(before));
        SecurityContextHolder.clearContext();
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void everyPageInEnglishHasNoChineseOfItsOwnAndNoMissingKeys() throws Exception {
        var officer = users.authentication("english", Role.DISTRICT_OFFICER, "110107");
        List<String> officerPages = List.of(
                "/",
                "/org/110107001",
                "/persons",
                "/persons/new",
                "/persons/" + personId,
                "/persons/" + personId + "?tab=history",
                "/persons/" + personId + "?tab=residence",
                "/persons/" + personId + "?tab=family",
                "/persons/" + personId + "/edit",
                "/imports",
                "/exchange",
                "/exchange/dead",
                "/sites",
                "/sites/board",
                "/sites/new",
                "/sites/rollout",
                "/services",
                "/services?unit=110107001",
                "/services/persons/" + personId,
                "/services/actions",
                "/services/catalogue",
                "/services/activity",
                "/services/import",
                "/indicators",
                "/indicators/FLOATING_ALL?orgUnit=110107",
                "/indicators?orgUnit=110107001",
                "/stats",
                "/stats/briefing",
                "/stats/aggregate",
                "/assessment",
                "/assessment/agreements",
                "/account/password",
                "/account/sessions");
        Pattern names = names();
        List<String> found = new ArrayList<>();
        int pages = 0;
        for (String page : officerPages) {
            found.addAll(check(page, officer, names));
            pages++;
        }
        var admin = users.authentication("english", Role.SYSTEM_ADMIN, "110107");
        for (String page : List.of("/admin/users", "/admin/users/new", "/admin/demo")) {
            found.addAll(check(page, admin, names));
            pages++;
        }
        found.addAll(refusedForm(officer, names));
        assertThat(refusedService(officer, "zh-CN", "B02", "2099-01-01")).isEqualTo("服务日期不能晚于今天");
        assertThat(refusedService(officer, "en", "B02", "2099-01-01")).isEqualTo("Date: Cannot be later than today");
        String today = java.time.LocalDate.now().toString();
        assertThat(refusedService(officer, "zh-CN", "C02", today)).startsWith("不符合C02的服务条件：");
        assertThat(refusedService(officer, "en", "C02", today))
                .startsWith("Not eligible for service C02: ")
                .doesNotContainPattern("\\p{IsHan}");
        found.addAll(check("/audit", users.authentication("english", Role.AUDITOR, "110107"), names));
        found.addAll(check("/indicators", users.authentication("english", Role.LEADER, "110107"), names));
        assertThat(pages + 2).isEqualTo(officerPages.size() + 5);
        assertThat(found).isEmpty();
    }

    @Test
    void theLanguageSwitchKeepsThePagesFilters() throws Exception {
        var officer = users.authentication("english", Role.DISTRICT_OFFICER, "110107");
        String chinese = mvc.perform(get("/stats/briefing?district=110107&year=2011")
                        .cookie(new Cookie("liudong-lang", "zh-CN"))
                        .with(authentication(officer)))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(chinese).contains("href=\"/stats/briefing?district=110107&amp;year=2011&amp;lang=en\"");
        // switched: the link back replaces the language instead of adding a second one
        String english = mvc.perform(
                        get("/stats/briefing?district=110107&year=2011&lang=en").with(authentication(officer)))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(english)
                .contains("(2011)")
                .contains("href=\"/stats/briefing?district=110107&amp;year=2011&amp;lang=zh-CN\"");
    }

    /** The page's own Chinese in English, and missing keys in either language. */
    private List<String> check(String page, UsernamePasswordAuthenticationToken who, Pattern names) throws Exception {
        List<String> found = new ArrayList<>();
        for (String lang : List.of("zh-CN", "en")) {
            String html = render(page, who, lang);
            Matcher missing = MISSING_KEY.matcher(html);
            while (missing.find()) {
                found.add(page + " [" + lang + "]: " + missing.group());
            }
            if (lang.equals("en")) {
                for (String fragment : chineseOf(html, names)) {
                    found.add(page + " [en]: " + fragment);
                }
            }
        }
        return found;
    }

    /**
     * The registration form sent back with every field's error: in Chinese with the values at fault, in English by
     * the errors' codes.
     */
    private List<String> refusedForm(UsernamePasswordAuthenticationToken who, Pattern names) throws Exception {
        String chinese = refused(who, "zh-CN");
        String english = refused(who, "en");
        assertThat(chinese).contains("请填写姓名", "婚姻状况代码“99”不在代码表中");
        assertThat(english)
                .contains(
                        "Name: Required",
                        "Marital status: Not in the code table",
                        "An 11-digit mobile number, or a landline with its area code")
                .doesNotContain("请填写姓名");
        return chineseOf(english, names).stream()
                .map(fragment -> "POST /persons [en]: " + fragment)
                .toList();
    }

    /** The error a service recorded for a date in the future reports, as the page shows it after the redirect. */
    private String refusedService(UsernamePasswordAuthenticationToken who, String lang, String service, String on)
            throws Exception {
        var result = mvc.perform(post("/services/record")
                        .param("personId", String.valueOf(personId))
                        .param("service", service)
                        .param("on", on)
                        .param("provider", "社区卫生服务站")
                        .cookie(new Cookie("liudong-lang", lang))
                        .with(authentication(who))
                        .with(csrf()))
                .andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(302);
        return String.valueOf(result.getFlashMap().get("error"));
    }

    private String refused(UsernamePasswordAuthenticationToken who, String lang) throws Exception {
        var response = mvc.perform(post("/persons")
                        .param("name", "")
                        .param("idNumber", "1.10105194912310E+17")
                        .param("maritalStatus", "99")
                        .param("householdCode", "999999")
                        .param("phone", "12-34")
                        .cookie(new Cookie("liudong-lang", lang))
                        .with(authentication(who))
                        .with(csrf()))
                .andReturn()
                .getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        String html = response.getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains("id=\"form-errors\"");
        return html;
    }

    private String render(String page, UsernamePasswordAuthenticationToken who, String lang) throws Exception {
        String[] parts = page.split("\\?", 2);
        var request = get(parts[0]).cookie(new Cookie("liudong-lang", lang)).with(authentication(who));
        if (parts.length > 1) {
            for (String pair : parts[1].split("&")) {
                String[] kv = pair.split("=", 2);
                request = request.param(kv[0], kv[1]);
            }
        }
        var response = mvc.perform(request).andReturn().getResponse();
        assertThat(response.getStatus()).as(page).isEqualTo(200);
        return response.getContentAsString(StandardCharsets.UTF_8);
    }

    /** Text and attribute values that still hold Chinese once names and marked elements are taken out. */
    static Set<String> chineseOf(String html, Pattern names) {
        String shown = html.replaceAll("(?s)<script.*?</script>", "")
                .replaceAll("(?s)<style.*?</style>", "")
                .replaceAll("(?s)<!--.*?-->", "");
        shown = MARKED_CHINESE.matcher(shown).replaceAll("");
        Set<String> left = new TreeSet<>();
        Matcher m = TEXT_OR_ATTRIBUTE.matcher(shown);
        while (m.find()) {
            String fragment = m.group(1) != null ? m.group(1) : m.group(2);
            String decoded = fragment.replace("&quot;", "\"").replace("&amp;", "&");
            if (CJK.matcher(names.matcher(decoded).replaceAll("")).find()) {
                left.add(decoded.strip());
            }
        }
        return left;
    }

    /** Every name the data may put on a page, longest first so that a longer name is taken out whole. */
    private Pattern names() {
        Set<String> all = new TreeSet<>();
        all.addAll(jdbc.sql("select name from org_unit").query(String.class).list());
        all.addAll(jdbc.sql("select name from division").query(String.class).list());
        all.addAll(jdbc.sql("select display_name from app_user")
                .query(String.class)
                .list());
        all.addAll(jdbc.sql("select name from person").query(String.class).list());
        // what users write in: sites, occupations, addresses, services' notes and visits, services added to the
        // catalogue without an English name
        all.addAll(jdbc.sql("select name from service_site union select station_name from service_site"
                        + " where station_name is not null")
                .query(String.class)
                .list());
        all.addAll(jdbc.sql("select distinct occupation from person where occupation is not null")
                .query(String.class)
                .list());
        all.addAll(jdbc.sql("select household_address from person where household_address is not null"
                        + " union select address from residence_episode where address is not null")
                .query(String.class)
                .list());
        all.addAll(jdbc.sql("select name_en from service_catalogue")
                .query(String.class)
                .list());
        all.addAll(jdbc.sql("""
                        select reason from service_visit
                        union select provider from service_record where provider is not null
                        union select notes from service_record where notes is not null
                        union select override_note from service_record where override_note is not null
                        union select comment from indicator_report where comment is not null
                        union select name from cooperation_agreement
                        union select note from site_admission where note is not null
                        union select detail from audit_event where detail is not null""").query(String.class).list());
        // the briefing names streets without their suffix
        all.addAll(all.stream()
                .map(n -> n.replaceAll("(街道|地区|镇|乡)$", ""))
                .filter(n -> !n.isEmpty())
                .toList());
        assertThat(all).contains("石景山区", "八宝山街道", "竞秀区", "史丽娟");
        return Pattern.compile(all.stream()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .map(Pattern::quote)
                .collect(Collectors.joining("|")));
    }
}
