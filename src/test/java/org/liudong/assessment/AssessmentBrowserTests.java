package org.liudong.assessment;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser.NewContextOptions;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.liudong.exchange.ExchangeRecords;
import org.liudong.indicators.Period;
import org.liudong.security.Role;
import org.liudong.security.TestUsers;
import org.liudong.support.Browser;
import org.liudong.support.BrowserTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A district officer opens the league table, exports it, and opens a partner's scorecard beside their own. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AssessmentBrowserTests extends BrowserTest {

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Scorecards scorecards;

    @Autowired
    ExchangeRecords records;

    ExchangeHistory history;
    Q2History q;

    @BeforeAll
    void history() {
        history = new ExchangeHistory(jdbc);
        q = new Q2History(history);
        // The partner reports itself with one notice left out, so one difference shows.
        Scorecard theirs = scorecards.compute(
                Q2History.P,
                Period.parse("2013Q2"),
                java.util.Set.of(Q2History.C),
                null,
                records.involving(List.of(Q2History.C)),
                scorecards.today());
        List<Figure> figures = new ArrayList<>();
        for (Figure f : theirs.figures()) {
            List<Entry> entries = f.entries().stream()
                    .filter(e ->
                            !(f.measure() == Measure.NOTIFIED && e.messageId().equals(q.i2)))
                    .toList();
            long numerator = f.measure() == Measure.NOTIFIED ? 1 : f.numerator();
            Long denominator = f.measure() == Measure.NOTIFIED ? Long.valueOf(1) : f.denominator();
            figures.add(Figure.of(f.measure(), numerator, denominator, entries).withTarget(f.target()));
        }
        Scorecard reported = new Scorecard(
                Q2History.P, Q2History.P, "2013Q2", null, null, scorecards.today(), false, List.of(), null, figures);
        history.in(
                "SCORECARD",
                Q2History.P,
                Q2History.C,
                "2013-07-01T08:00",
                "2013-07-01T08:01",
                null,
                null,
                null,
                ScorecardPayload.write(reported, Q2History.C));
    }

    @AfterAll
    void clean() {
        history.delete();
    }

    @Test
    void theLeagueTableAndAPartnersScorecardWithTheDifferences() throws Exception {
        var officer = users.ready("asmt-b", Role.DISTRICT_OFFICER, "110107");
        Page page = signIn(officer, new NewContextOptions().setAcceptDownloads(true));
        List<String> errors = new ArrayList<>();
        page.onPageError(errors::add);

        // the league opens on the page of the reader's own county, wherever the other tests' counties put it
        page.navigate(url("/assessment?period=2013Q2"));
        var own = page.locator("#league tr[data-county='110107']");
        assertThat(own.locator("td[data-measure='ANSWERED']")).hasText("75.0%");
        assertThat(own.locator("td[data-measure='ANSWERED']")).hasClass(Pattern.compile("ld-BELOW"));
        assertThat(own.locator("td[data-measure='OVERDUE_NOW']")).not().hasText("0");
        // the reader's own county is marked and its rank stated above the table, however long the table is
        assertThat(own).hasClass(Pattern.compile("table-primary"));
        assertThat(page.locator("#own-ranks a[href$='#county-110107']")).containsText("石景山区：第");
        // a county asked for by code opens its page and is marked
        page.fill("#county", "419901");
        page.click("form[action='/assessment'] button");
        var partner = page.locator("#league tr[data-county='419901']");
        assertThat(partner).containsText("协作方");
        assertThat(partner).not().hasClass(Pattern.compile("table-primary"));
        assertThat(partner).hasClass(Pattern.compile("table-warning"));
        assertThat(partner).hasAttribute("data-scroll-into-view", "true");
        assertThat(partner).isInViewport();
        assertThat(own).not().hasAttribute("data-scroll-into-view", "true");
        assertThat(page.locator("#own-ranks a[href*='#county-419901']")).isVisible();
        assertThat(page.locator("#county-missing")).hasCount(0);
        assertThat(page.locator("nav a[href='/assessment']")).hasCount(1);
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(Browser.screenshot("assessment-league"))
                .setFullPage(true));

        Download download = page.waitForDownload(() -> page.click("#export"));
        try (InputStream in = Files.newInputStream(download.path());
                XSSFWorkbook workbook = new XSSFWorkbook(in)) {
            var sheet = workbook.getSheet("2013Q2");
            org.assertj.core.api.Assertions.assertThat(
                            sheet.getRow(0).getCell(0).getStringCellValue())
                    .isEqualTo("名次");
            boolean found = false;
            for (var row : sheet) {
                if (row.getRowNum() > 0 && "110107".equals(row.getCell(1).getStringCellValue())) {
                    found = true;
                }
            }
            org.assertj.core.api.Assertions.assertThat(found).isTrue();
            // the same table as CSV: a line per county, the figures as plain numbers
            Download csv = page.waitForDownload(() -> page.click("#export-csv"));
            String text = Files.readString(csv.path(), java.nio.charset.StandardCharsets.UTF_8);
            org.assertj.core.api.Assertions.assertThat(text).startsWith("\uFEFF名次,县区代码,");
            org.assertj.core.api.Assertions.assertThat(text.split("\r\n")).hasSize(sheet.getLastRowNum() + 1);
            org.assertj.core.api.Assertions.assertThat(text).containsPattern("\r\n[0-9]*,110107,石景山区,[0-9.]+,");
        }

        page.navigate(url("/assessment?period=2013Q2&county="
                + java.net.URLEncoder.encode("不存在的县", java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(page.locator("#county-missing")).containsText("不存在的县");
        page.navigate(url("/assessment?period=2013Q2&county=419901"));
        partner.locator("a").first().click();
        assertThat(page).hasURL(Pattern.compile(".*/assessment/scorecards/419901\\?period=2013Q2.*"));
        assertThat(page.locator("#their-card")).isVisible();
        var notified = page.locator("table[data-role='INFLOW'] tr[data-measure='NOTIFIED']");
        assertThat(notified.locator("td").nth(1)).containsText("100.0%");
        assertThat(notified.locator("td").nth(1)).containsText("(2/2)");
        assertThat(notified.locator("td").nth(2)).containsText("(1/1)");
        assertThat(page.locator("#differences tbody tr")).hasCount(1);
        assertThat(page.locator("#differences")).containsText(q.i2.toString());
        assertThat(page.locator("#differences")).containsText("仅我方计入");
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(Browser.screenshot("assessment-partner"))
                .setFullPage(true));

        page.navigate(url("/assessment/scorecards/110107?period=2013Q2"));
        assertThat(page.locator("table[data-role='HOME'] tr[data-measure='ANSWERED']"))
                .containsText("(3/4)");
        assertThat(page.locator("table[data-role='HOME'] tr[data-measure='ANSWERED']"))
                .containsText("÷");
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(Browser.screenshot("assessment-own"))
                .setFullPage(true));

        page.navigate(url("/assessment/agreements"));
        page.fill("#name", "浏览器-京津冀");
        page.fill("#members", "11, 12, 13");
        page.check("input[name=types][value=ASSIST_REQUEST]");
        page.selectOption("#deadlineType", "ASSIST_REQUEST");
        page.fill("#deadlineDays", "20");
        page.click("form[action='/assessment/agreements'] button");
        assertThat(page.locator("#agreements")).containsText("浏览器-京津冀");
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(Browser.screenshot("assessment-agreements"))
                .setFullPage(true));
        jdbc.sql("delete from cooperation_agreement where name = '浏览器-京津冀'").update();
        org.assertj.core.api.Assertions.assertThat(errors).isEmpty();
    }
}
