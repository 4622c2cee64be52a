package org.liudong.registry;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.liudong.security.Role;
import org.liudong.security.TestUsers;
import org.liudong.support.Browser;
import org.liudong.support.BrowserTest;
import org.liudong.support.TestIdNumbers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LedgerBrowserTests extends BrowserTest {

    @Autowired
    TestUsers users;

    @Autowired
    PersonQueries queries;

    /** Fills the registration form's required fields for a woman from 竞秀区 living in 八宝山's 003 and saves. */
    private static void fillAndSave(Page page, String name, String idNumber) {
        page.fill("#name", name);
        page.fill("#idNumber", idNumber);
        page.fill("#householdCode", "130602");
        page.selectOption("#communityCode", "110107001003");
        page.fill("#movedIn", "2024-05-01");
        page.click("#save");
    }

    private Page signIn(TestUsers.Created user) {
        return formSignIn(user.username(), user.password(), new com.microsoft.playwright.Browser.NewContextOptions());
    }

    @Test
    void aCommunityWorkerRegistersFindsEditsAndSeesTheChangeInHistory() {
        var worker = users.ready("worker", Role.COMMUNITY_WORKER, "110107001");
        Page page = signIn(worker);
        String idNumber = TestIdNumbers.of("130602", "19890405", "2");

        page.navigate("http://localhost:" + port + "/persons/new");
        page.click("#save");
        assertThat(page.locator("#form-errors")).containsText("请填写姓名");
        assertThat(page.locator("#idNumber")).hasClass(java.util.regex.Pattern.compile("is-invalid"));
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(Browser.screenshot("person-form-errors"))
                .setFullPage(true));

        page.fill("#name", "浏览器测试");
        page.fill("#idNumber", idNumber.toLowerCase());
        page.fill("#householdCode", "130602");
        page.selectOption("#maritalStatus", "20");
        page.selectOption("#communityCode", "110107001003");
        page.fill("#address", "玉泉路西1号院");
        page.selectOption("#housingType", "RENTED");
        page.fill("#movedIn", "2024-05-01");
        page.click("#save");

        assertThat(page.locator("#person-name")).hasText("浏览器测试");
        assertThat(page.locator("#classification-reason")).containsText("竞秀区");
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(Browser.screenshot("person"))
                .setFullPage(true));

        page.navigate("http://localhost:" + port + "/persons?name=浏览器");
        assertThat(page.locator("#person-table")).containsText("浏览器测试");
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(Browser.screenshot("persons"))
                .setFullPage(true));
        page.click("text=浏览器测试");

        page.click("#edit-link");
        page.fill("#employer", "石景山游乐园");
        page.click("#save");
        assertThat(page.locator("#employer")).hasText("石景山游乐园");

        page.click("text=变更历史");
        assertThat(page.locator("#history")).containsText("石景山游乐园");
        assertThat(page.locator("#history")).containsText("工作单位");
        // who changed it, by the name colleagues know, not the account's login name
        assertThat(page.locator("#history")).containsText("测试 worker");
        assertThat(page.locator("#history")).not().containsText(worker.username());
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(Browser.screenshot("person-history"))
                .setFullPage(true));
    }

    @Test
    void aCityOfficerNarrowsTheLedgerToADistrictThenAStreetThenOneOfItsCommunities() {
        var city = users.ready("city", Role.DISTRICT_OFFICER, "11");
        Page page = signIn(city, new com.microsoft.playwright.Browser.NewContextOptions()); // with a second factor
        page.navigate("http://localhost:" + port + "/persons");
        var community = page.locator("#f-org option[value='110107001003']");

        // a city's 7,535 communities are not offered at once: its districts and streets are
        assertThat(page.locator("#f-org option[value='110107001']")).hasCount(1);
        assertThat(community).hasCount(0);
        page.selectOption("#f-org", "110107001");
        page.waitForURL(url -> url.contains("orgCode=110107001"));
        assertThat(community).hasCount(1);
        assertThat(page.locator("#f-org option[value='110108001001']")).hasCount(0);
        page.selectOption("#f-org", "110107001003");
        page.waitForURL(url -> url.endsWith("orgCode=110107001003") || url.contains("orgCode=110107001003&"));
        assertThat(page.locator("#f-org")).hasValue("110107001003");
        page.screenshot(new Page.ScreenshotOptions().setPath(Browser.screenshot("persons-city-places")));

        // registering, the city's officer names the street first, and is offered that street's communities
        page.navigate("http://localhost:" + port + "/persons/new");
        assertThat(page.locator("#communityCode option")).hasCount(1);
        page.selectOption("#communityCode-street", "110107001");
        assertThat(page.locator("#communityCode option[value='110107001003']")).hasCount(1);
        assertThat(page.locator("#communityCode option[value='110108001001']")).hasCount(0);
        page.screenshot(new Page.ScreenshotOptions().setPath(Browser.screenshot("person-form-city")));
        fillAndSave(page, "市级登记", TestIdNumbers.of("130602", "19910909", "2"));
        assertThat(page.locator("#person-name")).hasText("市级登记");
        page.screenshot(new Page.ScreenshotOptions().setPath(Browser.screenshot("person-registered-by-city")));
    }

    @Test
    void anExportShowsThatItIsBeingPreparedAndCannotBeStartedTwice() {
        var worker = users.ready("export", Role.COMMUNITY_WORKER, "110107001");
        Page page = signIn(worker);
        page.navigate("http://localhost:" + port + "/persons");
        var xlsx = page.locator("#export-xlsx");

        // the answer arrives, with the token the link sent: the link is itself again
        var download = page.waitForDownload(xlsx::click);
        assertThat(download.url()).containsPattern("downloadToken=[a-z0-9]{14}");
        assertThat(xlsx).not().hasAttribute("aria-busy", "true");
        assertThat(xlsx).hasText("导出Excel");

        // an answer that has not arrived yet (here: one whose signal is taken away) keeps the link busy, and a
        // second click asks for nothing
        java.util.List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        page.route("**/persons/export.csv**", route -> {
            asked.add(route.request().url());
            // a file without the answer's cookie (route.fetch would put the real answer's cookie in the browser)
            route.fulfill(new com.microsoft.playwright.Route.FulfillOptions()
                    .setStatus(200)
                    .setContentType("text/csv;charset=UTF-8")
                    .setHeaders(java.util.Map.of("Content-Disposition", "attachment; filename=\"ledger.csv\""))
                    .setBody("姓名\r\n"));
        });
        var csv = page.locator("#export-csv");
        page.waitForDownload(csv::click);
        assertThat(csv).hasAttribute("aria-busy", "true");
        assertThat(csv).hasText("正在生成文件…");
        csv.click(new com.microsoft.playwright.Locator.ClickOptions().setForce(true));
        page.waitForTimeout(500);
        org.assertj.core.api.Assertions.assertThat(asked).hasSize(1);

        // a refusal is a page, not a file: the reader is shown it
        page.navigate("http://localhost:" + port + "/persons");
        page.evaluate("() => document.querySelector('#export-xlsx').href = '/persons/export.xlsx?orgCode=110107002'");
        page.locator("#export-xlsx").click();
        assertThat(page.locator("h1")).hasText("无权访问");
        assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/persons/export\\.xlsx\\?orgCode=110107002$"));
    }

    @Test
    void aWorkerOfAnotherStreetCanNeitherOpenNorFindThePerson() {
        var babaoshan = users.ready("bbs", Role.COMMUNITY_WORKER, "110107001");
        var laoshan = users.ready("ls", Role.STREET_OFFICER, "110107002");
        Page page = signIn(babaoshan);
        page.navigate("http://localhost:" + port + "/persons/new");
        // a street's communities are offered at once, without a street to choose first
        assertThat(page.locator("#communityCode-street")).hasCount(0);
        // another street's communities are not given out
        assertThat(page.request()
                        .get("http://localhost:" + port + "/org/community-options?under=110107002")
                        .status())
                .isEqualTo(403);
        assertThat(page.request()
                        .get("http://localhost:" + port + "/org/community-options?under=110107001")
                        .text())
                .contains("110107001003");
        fillAndSave(page, "范围测试", TestIdNumbers.of("130602", "19900909", "2"));
        String personUrl = page.url();
        assertThat(personUrl).matches(".*/persons/[0-9]+$");

        Page other = signIn(laoshan);
        other.navigate(personUrl);
        assertThat(other.locator("h1")).hasText("页面不存在");
        other.navigate("http://localhost:" + port + "/persons?name=范围");
        assertThat(other.locator("#person-table")).not().containsText("范围测试");
    }

    @Test
    void aSearchWithMoreMatchesThanTheCapSaysSoAndAsksToNarrowIt() throws Exception {
        var officer = users.ready("capped", Role.DISTRICT_OFFICER, "110107");
        var api = new org.liudong.support.ApiClient(port);
        String token = api.token(officer);
        var json = tools.jackson.databind.json.JsonMapper.builder().build();
        for (String given : java.util.List.of("一", "二", "三")) {
            var answer = api.post(
                    "/api/v1/persons",
                    json.writeValueAsString(PersonApiTests.person(
                            "眭上" + given,
                            TestIdNumbers.of("130602", "19760707", "1"),
                            PersonApiTests.BABAOSHAN_COMMUNITY)),
                    token);
            assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        }
        PersonQueries target = org.springframework.test.util.AopTestUtils.getUltimateTargetObject(queries);
        Page page = signIn(users.ready("capped-worker", Role.COMMUNITY_WORKER, "110107001"));
        page.navigate("http://localhost:" + port + "/persons?name=眭上");
        assertThat(page.locator("#person-table")).containsText("共 3 人");
        target.setSearchCap(2);
        try {
            page.navigate("http://localhost:" + port + "/persons?name=眭上");
            assertThat(page.locator("#person-table")).containsText("超过 2 人符合条件");
            assertThat(page.locator("#person-table tbody tr")).hasCount(2);
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(Browser.screenshot("persons-more-than-cap"))
                    .setFullPage(true));
        } finally {
            target.setSearchCap(PersonPage.CAP);
        }
    }
}
