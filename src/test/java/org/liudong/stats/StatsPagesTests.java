package org.liudong.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.liudong.registry.PersonRegistration;
import org.liudong.security.Role;
import org.liudong.security.TestUsers;
import org.liudong.support.TestIdNumbers;
import org.liudong.support.TestPersons;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The statistics page follows the reader's scope: a district's streets and its comparison with other districts,
 * a street's communities, a community's own picture. The page once showed a street officer or a community worker
 * only a refusal, from a link in their own menu.
 */
@SpringBootTest
@AutoConfigureMockMvc
class StatsPagesTests {

    private static final String STREET = "110107011";
    private static final String COMMUNITY = "110107011001";

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    PersonRegistration registration;

    @Autowired
    DistrictComparison comparison;

    private int status(String path, Role role, String scope) throws Exception {
        return mvc.perform(get(path).with(authentication(users.authentication("statspage", role, scope))))
                .andReturn()
                .getResponse()
                .getStatus();
    }

    private String page(Role role, String scope) throws Exception {
        var response = mvc.perform(get("/stats").with(authentication(users.authentication("statspage", role, scope))))
                .andReturn()
                .getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        return response.getContentAsString(StandardCharsets.UTF_8);
    }

    private static String table(String html, String name) {
        int start = html.indexOf("id=\"stat-" + name + "\"");
        assertThat(start).as(name).isPositive();
        return html.substring(start, html.indexOf("</table>", start));
    }

    @Test
    void aStreetOfficerSeesTheStreetByCommunityWithoutTheDistrictComparison() throws Exception {
        var officer = users.ready("statsregister", Role.COMMUNITY_WORKER, COMMUNITY);
        users.signIn(officer.username());
        try {
            registration.register(
                    TestPersons.minimal("鲁小芳", TestIdNumbers.of("130602", "19900517", "2"), COMMUNITY), true);
        } finally {
            SecurityContextHolder.clearContext();
        }

        String html = page(Role.STREET_OFFICER, STREET);

        assertThat(html).contains("鲁谷街道");
        String byCommunity = table(html, "by-street");
        assertThat(byCommunity).contains("按社区", ">社区<", COMMUNITY, "双锦园社区").doesNotContain(">街道<");
        assertThat(table(html, "growth")).contains(COMMUNITY);
        assertThat(table(html, "pyramid")).contains("年龄组");
        assertThat(table(html, "origins")).contains("河北省", ">来源省份<");
        // occupations are recorded as text: no code column repeating the name
        assertThat(table(html, "occupations")).contains(">职业<").doesNotContain(">代码<");
        assertThat(table(html, "education")).contains(">文化程度<", ">代码<");
        // in English, provinces of origin by their English names
        var english = mvc.perform(get("/stats?lang=en")
                        .with(authentication(users.authentication("statspage", Role.STREET_OFFICER, STREET))))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(table(english, "origins")).contains(">Hebei<").doesNotContain("河北省");
        assertThat(html)
                .doesNotContain("id=\"stat-comparison\"")
                .doesNotContain("/stats/briefing")
                .doesNotContain("/stats/aggregate");
        assertThat(status("/stats/export.xlsx?table=by-street", Role.STREET_OFFICER, STREET))
                .isEqualTo(200);
        assertThat(status("/stats/export.xlsx?table=comparison", Role.STREET_OFFICER, STREET))
                .isEqualTo(400);
    }

    @Test
    void aYearNotBegunSaysItShowsToday() throws Exception {
        int next = java.time.LocalDate.now().getYear() + 1;
        var response = mvc.perform(get("/stats?year=" + next)
                        .with(authentication(users.authentication("statspage", Role.STREET_OFFICER, STREET))))
                .andReturn()
                .getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentAsString(StandardCharsets.UTF_8))
                .contains("id=\"stats-future\"", next + " 年尚未开始");
        assertThat(page(Role.STREET_OFFICER, STREET)).doesNotContain("id=\"stats-future\"");
    }

    @Test
    void aCommunityWorkerSeesTheCommunitysOwnPicture() throws Exception {
        String html = page(Role.COMMUNITY_WORKER, COMMUNITY);

        assertThat(html).contains("双锦园社区", "id=\"stat-pyramid\"", "id=\"stat-education\"", "id=\"stat-origins\"");
        assertThat(html).doesNotContain("id=\"stat-by-street\"").doesNotContain("id=\"stat-comparison\"");
    }

    @Test
    void theDistrictSeesEveryTableAndOnlyItsOfficerEntersAggregateData() throws Exception {
        String officer = page(Role.DISTRICT_OFFICER, "110107");
        String leader = page(Role.LEADER, "110107");

        for (String html : new String[] {officer, leader}) {
            assertThat(table(html, "by-street")).contains("按街道", STREET);
            assertThat(html).contains("id=\"stat-comparison\"", "/stats/briefing");
        }
        // every district row has a figure; those without any are named under the table instead of shown as dashes
        int year = java.time.LocalDate.now().getYear();
        var districts = comparison.compare("110107", year).districts();
        var without = districts.stream()
                .filter(d -> d.figures().floating() == null && d.figures().residents() == null)
                .map(DistrictComparison.DistrictRow::name)
                .toList();
        String shown = table(officer, "comparison");
        assertThat(shown.split("<tr>", -1).length - 2).isEqualTo(districts.size() - without.size());
        for (var d : districts) {
            if (without.contains(d.name())) {
                assertThat(shown).doesNotContain(">" + d.code() + "<");
            } else {
                assertThat(shown).contains(">" + d.code() + "<");
            }
        }
        if (without.isEmpty()) {
            assertThat(officer).doesNotContain("id=\"note-comparison\"");
        } else {
            int note = officer.indexOf("id=\"note-comparison\"");
            assertThat(note).isPositive();
            assertThat(officer.substring(note, officer.indexOf("</p>", note)))
                    .contains(without.size() + " 个区县", String.join("、", without));
        }
        assertThat(officer).contains("/stats/aggregate");
        assertThat(leader).doesNotContain("/stats/aggregate");
        assertThat(status("/stats/aggregate", Role.LEADER, "110107")).isEqualTo(403);
    }
}
