package org.liudong.sites;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import java.time.LocalDate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.liudong.security.Role;
import org.liudong.security.TestUsers;
import org.liudong.support.Browser;
import org.liudong.support.BrowserTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SiteBrowserTests extends BrowserTest {

    @Autowired
    TestUsers users;

    private Page signIn(TestUsers.Created user) {
        return signIn(user, new com.microsoft.playwright.Browser.NewContextOptions());
    }

    /** Choosing another year shows that year's sites, checklist and rollout (the choice once did nothing). */
    @Test
    void choosingAYearShowsThatYear() {
        Page page = signIn(users.ready("siteyear", Role.COMMUNITY_WORKER, "110107001003"));
        String lastYear = String.valueOf(LocalDate.now().getYear() - 1);

        for (String path : new String[] {"/sites", "/sites/board", "/sites/rollout"}) {
            page.navigate("http://localhost:" + port + path);
            page.selectOption("select[name=year]", lastYear);

            page.waitForURL(Pattern.compile(".*[?&]year=" + lastYear + "(&.*)?$"));
            assertThat(page.locator("select[name=year]")).hasValue(lastYear);
        }
    }

    @Test
    void aCommunityWorkerOpensASiteRecordsAnActivityAndSeesTheChecklistChange() {
        var worker = users.ready("siteworker", Role.COMMUNITY_WORKER, "110107001003");
        Page page = signIn(worker);

        page.navigate("http://localhost:" + port + "/sites/new");
        page.click("#save");
        assertThat(page.locator("#form-errors")).containsText("请填写站点名称");

        page.selectOption("#communityCode", "110107001003");
        page.fill("#name", "玉泉路西新居民驿站");
        page.selectOption("#model", "COMMUNITY");
        page.fill("#stationName", "新居民温馨驿站");
        page.fill("#address", "玉泉路西社区服务中心");
        page.fill("#estimatedHeadcount", "120");
        page.fill("#capacity", "30");
        page.click("#save");

        assertThat(page.locator("#site-name")).hasText("玉泉路西新居民驿站");
        assertThat(page.locator("#four-service")).hasClass(Pattern.compile("unmet"));
        assertThat(page.locator("#four-service")).containsText("本年度没有开展活动");
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(Browser.screenshot("site-before-activity"))
                .setFullPage(true));

        page.fill("#heldOn", LocalDate.now().toString());
        page.selectOption("#activityKind", "LECTURE");
        page.fill("#topic", "优生优育健康讲座");
        page.fill("#organiser", "社区计生专干");
        page.fill("#headcount", "35");
        page.click("#record-activity");

        assertThat(page.locator("#saved")).isVisible();
        assertThat(page.locator("#four-service")).hasClass(Pattern.compile("\\bmet"));
        assertThat(page.locator("#four-service")).containsText("已开展活动 1 次");
        assertThat(page.locator("#activities")).containsText("优生优育健康讲座");
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(Browser.screenshot("site-after-activity"))
                .setFullPage(true));

        page.navigate("http://localhost:" + port + "/sites/board");
        assertThat(page.locator("#missing")).containsText("玉泉路西新居民驿站");
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(Browser.screenshot("sites-board"))
                .setFullPage(true));
        page.navigate("http://localhost:" + port + "/sites/rollout?year=2013");
        assertThat(page.locator("#by-year")).containsText("70%");
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(Browser.screenshot("sites-rollout"))
                .setFullPage(true));
        page.navigate("http://localhost:" + port + "/sites");
        assertThat(page.locator("table")).containsText("玉泉路西新居民驿站");
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(Browser.screenshot("sites-list"))
                .setFullPage(true));
    }

    @Test
    void theStreetPassesASiteShortOfTheFourOnesOnlyWithANoteSayingWhy() {
        var worker = users.ready("siteapply", Role.COMMUNITY_WORKER, "110107001003");
        var street = users.ready("sitecheck", Role.STREET_OFFICER, "110107001");
        Page page = signIn(worker);
        openSite(page, "玉泉路西地下室管理站", "BASEMENT", "地下空间管理站", "玉泉路西12号楼地下室", "60");
        String site = page.url();
        page.locator("#admission button", new Page.LocatorOptions().setHasText("申请纳入"))
                .click();
        assertThat(page.locator("#admission")).containsText("已申请，待街道审核");

        Page checker = signIn(street);
        checker.navigate(site);
        assertThat(checker.locator("#admission-unmet")).containsText("须在备注中说明理由");
        checker.locator("#admission button", new Page.LocatorOptions().setHasText("审核通过"))
                .click();
        assertThat(checker.locator("#action-errors")).containsText("四个一尚未全部达标");
        assertThat(checker.locator("#action-errors")).containsText("没有负责人");
        assertThat(checker.locator("#admission")).containsText("已申请，待街道审核");
        checker.screenshot(new Page.ScreenshotOptions()
                .setPath(Browser.screenshot("site-admission-refused"))
                .setFullPage(true));

        checker.fill("#admission input[name=note]", "管理站负责人已确定，下周到岗");
        checker.locator("#admission button", new Page.LocatorOptions().setHasText("审核通过"))
                .click();
        assertThat(checker.locator("#admission")).containsText("街道已审核，待区审批");
        assertThat(checker.locator("#admission")).containsText("管理站负责人已确定，下周到岗");
    }

    @Test
    void aKeeperNamesTheOrganisationSetsUpPublicityAndReplacesAMember() {
        var worker = users.ready("sitekeeper", Role.COMMUNITY_WORKER, "110107001003");
        Page page = signIn(worker);
        openSite(page, "玉泉路西市场服务站", "MARKET", "市场流动人口服务站", "玉泉路西农贸市场", "80");
        assertThat(page.locator("#four-organisation")).hasClass(Pattern.compile("unmet"));

        addMember(page, "HEAD", "站长", "赵建国");
        addMember(page, "STAFF", "信息员", "钱小梅");
        assertThat(page.locator("#four-organisation")).hasClass(Pattern.compile("\\bmet"));
        assertThat(page.locator("#four-organisation")).containsText("负责人：赵建国");

        page.locator("#association summary").click();
        page.fill("#association input[name=name]", "玉泉路西市场流动人口协会");
        page.fill("#association input[name=chair]", "孙立");
        page.fill("#association input[name=members]", "35");
        page.locator("#association button[type=submit]").click();
        assertThat(page.locator("#association")).containsText("玉泉路西市场流动人口协会");

        page.fill("#publicity-form input[name=what]", "计生政策宣传栏");
        page.fill("#publicity-form input[name=location]", "市场东门");
        page.click("#publicity-form button[type=submit]");
        assertThat(page.locator("#publicity")).containsText("计生政策宣传栏");
        page.fill("#publicity-update-form input[name=content]", "更新流动人口婚育证明办理须知");
        page.click("#publicity-update-form button[type=submit]");
        assertThat(page.locator("#publicity")).containsText("更新流动人口婚育证明办理须知");
        assertThat(page.locator("#four-publicity")).hasClass(Pattern.compile("\\bmet"));

        var staff = page.locator("#organisation tr", new Page.LocatorOptions().setHasText("钱小梅"));
        staff.locator("summary").click();
        staff.locator("input[name=name]").fill("李晓红");
        staff.locator("button[type=submit]").click();
        assertThat(page.locator("#organisation")).containsText("李晓红");
        // the member replaced stays in the organisation's history
        assertThat(page.locator("#organisation")).containsText("钱小梅");
        assertThat(page.locator("#action-errors")).hasCount(0);
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(Browser.screenshot("site-keeper"))
                .setFullPage(true));
    }

    @Test
    @org.junit.jupiter.api.Timeout(120)
    void aFormWaitingForTheServerCannotBeSentTwice() {
        var worker = users.ready("sitetwice", Role.COMMUNITY_WORKER, "110107001003");
        Page page = signIn(worker);
        openSite(page, "玉泉路西楼宇服务站", "BUILDING", "楼宇服务站", "玉泉路西写字楼", "40");
        page.fill("#topic", "楼宇健康讲座");
        page.fill("#organiser", "物业");
        page.fill("#headcount", "20");
        // the answer goes to a frame, so the page stays as it is while the server works, as on a slow line
        page.evaluate("() => { const sink = document.createElement('iframe'); sink.name = 'sink';"
                + " document.body.append(sink); document.querySelector('#activity-form').target = 'sink'; }");

        page.click("#record-activity");
        assertThat(page.locator("#record-activity")).isDisabled();
        assertThat(page.locator("#record-activity .spinner-border")).hasCount(1);
        // the worker clicks again, and presses Enter in a field
        page.evaluate("document.querySelector('#activity-form').requestSubmit()");
        page.locator("#topic").press("Enter");
        page.waitForTimeout(1000);

        page.navigate(page.url());
        assertThat(page.locator("#activities tbody tr", new Page.LocatorOptions().setHasText("楼宇健康讲座")))
                .hasCount(1);
        assertThat(page.locator("#record-activity")).isEnabled();
    }

    /** Opens a site of 玉泉路西 through the form and lands on its page. */
    private void openSite(Page page, String name, String model, String station, String address, String headcount) {
        page.navigate("http://localhost:" + port + "/sites/new");
        page.selectOption("#communityCode", "110107001003");
        page.fill("#name", name);
        page.selectOption("#model", model);
        page.fill("#stationName", station);
        page.fill("#address", address);
        page.fill("#estimatedHeadcount", headcount);
        page.fill("#capacity", "20");
        page.click("#save");
        assertThat(page.locator("#site-name")).hasText(name);
    }

    private static void addMember(Page page, String kind, String duty, String name) {
        page.selectOption("#member-form select[name=kind]", kind);
        page.fill("#member-form input[name=duty]", duty);
        page.fill("#member-form input[name=name]", name);
        page.fill("#member-form input[name=phone]", "13800001111");
        page.click("#member-form button[type=submit]");
        assertThat(page.locator("#saved")).isVisible();
    }
}
