package org.liudong.indicators;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.liudong.security.Role;
import org.liudong.security.TestUsers;
import org.liudong.support.Browser;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IndicatorBrowserTests {

    @LocalServerPort
    int port;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    org.liudong.security.FieldEncryption encryption;

    @Test
    void aDistrictOfficerDrillsDownFromARedCellToThePersonsBehindIt() {
        Browser.requireChromium();
        new IndicatorFixture(jdbc, encryption).load();
        var officer = users.ready("board", Role.DISTRICT_OFFICER, "110107");
        var leader = users.ready("board-l", Role.LEADER, "110107");
        try (Playwright playwright = Playwright.create();
                var browser = Browser.launch(playwright)) {
            Page page = browser.newContext().newPage();
            List<String> errors = new ArrayList<>();
            page.onPageError(errors::add);
            page.navigate("http://localhost:" + port + "/login");
            Browser.submitSignIn(page, officer.username(), officer.password(), officer::code);

            page.navigate("http://localhost:" + port + "/indicators?period=2013");
            Browser.expectShown(page, "#board");
            var cell = page.locator("#board tr[data-unit='110107010'] td[data-indicator='CERT_CHECKED_30D']");
            assertThat(cell).hasAttribute("data-status", "BELOW");
            assertThat(cell).hasClass(Pattern.compile("ld-BELOW"));
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(Browser.screenshot("indicators-board"))
                    .setFullPage(true));

            cell.locator("a").click();
            assertThat(page.locator("h1")).containsText("五里坨");
            var community = page.locator("#board tr[data-unit='110107010003'] td[data-indicator='CERT_CHECKED_30D']");
            assertThat(community).hasAttribute("data-status", "BELOW");
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(Browser.screenshot("indicators-street"))
                    .setFullPage(true));
            community.locator("a").click();
            assertThat(page).hasURL(Pattern.compile(".*/persons\\?.*orgCode=110107010003.*"));
            assertThat(page.locator("body")).containsText("测试");
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(Browser.screenshot("indicators-persons"))
                    .setFullPage(true));

            page.navigate("http://localhost:" + port + "/indicators/CERT_CHECKED_30D?orgUnit=110107010&period=2013");
            page.locator("#trend-chart canvas").waitFor();
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(Browser.screenshot("indicators-trend"))
                    .setFullPage(true));

            Page leaderPage = browser.newContext().newPage();
            leaderPage.onPageError(errors::add);
            leaderPage.navigate("http://localhost:" + port + "/login");
            Browser.submitSignIn(leaderPage, leader.username(), leader.password(), leader::code);
            leaderPage.navigate("http://localhost:" + port + "/stats?year=2013");
            leaderPage.locator("#stat-by-street canvas").waitFor();
            assertThat(leaderPage.locator("#stat-by-street")).containsText("五里坨");
            leaderPage.screenshot(new Page.ScreenshotOptions()
                    .setPath(Browser.screenshot("stats-2013"))
                    .setFullPage(true));
            leaderPage.navigate("http://localhost:" + port + "/stats/briefing?year=2013");
            assertThat(leaderPage.locator("#briefing")).containsText("流动人口");
            leaderPage.navigate("http://localhost:" + port + "/indicators?period=2013&orgUnit=110107010");
            assertThat(leaderPage.locator("#board a[href*='/indicators/persons']"))
                    .hasCount(0);
            org.assertj.core.api.Assertions.assertThat(errors).isEmpty();
        }
    }
}
