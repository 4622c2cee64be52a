package org.liudong.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.liudong.security.Role;
import org.liudong.security.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A period as people type it is read (2013年, 2013q2, 2013-05); one that cannot be read leaves the reader on the
 * same page, with the current year and a message saying what a period looks like, instead of an error page.
 */
@SpringBootTest
@AutoConfigureMockMvc
class PeriodPagesTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    private String page(String path) throws Exception {
        var response = mvc.perform(
                        get(path).with(authentication(users.authentication("period", Role.DISTRICT_OFFICER, "110107"))))
                .andReturn()
                .getResponse();
        assertThat(response.getStatus()).as(path).isEqualTo(200);
        return response.getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void periodsAreReadAsTypedAndAWrongOneIsExplainedOnThePage() throws Exception {
        assertThat(Period.parse(" 2013年 ").code()).isEqualTo("2013");
        assertThat(Period.parse("2013q2").code()).isEqualTo("2013Q2");
        assertThat(Period.parse("2013-05").code()).isEqualTo("201305");

        assertThat(page("/indicators?orgUnit=110107&period=2013-05"))
                .contains("value=\"201305\"")
                .doesNotContain("id=\"period-error\"");
        assertThat(page("/assessment?period=2013年")).contains("value=\"2013\"").doesNotContain("id=\"period-error\"");

        String year = String.valueOf(
                java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).getYear());
        for (String path : new String[] {
            "/indicators?orgUnit=110107&period=13-2013",
            "/assessment?period=13-2013",
            "/assessment/scorecards/110107?period=13-2013"
        }) {
            String html = page(path);
            assertThat(html).as(path).contains("id=\"period-error\"").contains("而不是“13-2013”");
            assertThat(html).as(path).contains("value=\"" + year + "\"");
        }
    }

    @Autowired
    org.liudong.registry.LedgerRollups rollups;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Autowired
    org.liudong.security.FieldEncryption encryption;

    @Test
    void aBoardAfterTheLedgersNewestArrivalPointsToItsYear() throws Exception {
        // one arrival at least, so that the ledger has a newest year (other tests may have registered later ones)
        new IndicatorFixture(jdbc, encryption)
                .person(
                        "FLOATING_FP",
                        "2",
                        java.time.LocalDate.of(1985, 1, 1),
                        "20",
                        java.time.LocalDate.of(2013, 6, 1),
                        null,
                        null,
                        "ACTIVE",
                        null);
        int newest = rollups.newestYear().orElseThrow();
        assertThat(newest).isGreaterThanOrEqualTo(2013);
        String later = page("/indicators?orgUnit=110107&period=" + (newest + 1));
        assertThat(later).contains("id=\"no-data\"").contains("最近的登记在 " + newest + " 年");
        int link = later.indexOf("id=\"newest-year\"");
        assertThat(later.substring(later.lastIndexOf("<a", link), later.indexOf("</a>", link)))
                .contains("period=" + newest)
                .contains("orgUnit=110107");
        assertThat(page("/indicators?orgUnit=110107&period=" + newest)).doesNotContain("id=\"newest-year\"");
        assertThat(page("/indicators?orgUnit=110107&period=" + newest + "Q1")).doesNotContain("id=\"newest-year\"");
    }

    @Autowired
    org.liudong.assessment.Scorecards scorecards;

    @Test
    void anEmptyLeagueSaysWhichYearTheExchangesRecordsAreIn() throws Exception {
        var year = scorecards.newestYear();
        String html = page("/assessment?period=1999");
        if (year.isEmpty()) {
            // run alone, before any exchange test: nothing to point to
            assertThat(html).doesNotContain("id=\"newest-year\"");
            return;
        }
        int newest = year.get();
        assertThat(html).contains("id=\"newest-year\"").contains("本期没有任何县区的交换记录");
        int link = html.indexOf("id=\"newest-year\"");
        assertThat(html.substring(html.lastIndexOf("<a", link), html.indexOf("</a>", link)))
                .contains("period=" + newest)
                .contains("最近的交换记录在 " + newest + " 年");
        // a league with rows needs no such pointer
        assertThat(page("/assessment?period=" + newest)).doesNotContain("id=\"newest-year\"");
    }
}
