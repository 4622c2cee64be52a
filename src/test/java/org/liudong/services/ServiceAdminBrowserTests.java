package org.liudong.services;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.liudong.security.Role;
import org.liudong.security.TestUsers;
import org.liudong.support.ApiClient;
import org.liudong.support.Browser;
import org.liudong.support.BrowserTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.json.JsonMapper;

/** The catalogue form, recording a service for an activity's attendees, and importing service records. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ServiceAdminBrowserTests extends BrowserTest {

    @Autowired
    TestUsers users;

    final JsonMapper json = JsonMapper.builder().build();
    final LocalDate today = LocalDate.now();

    Page signIn(TestUsers.Created user) {
        return signIn(user, new com.microsoft.playwright.Browser.NewContextOptions());
    }

    void shot(Page page, String name) {
        page.screenshot(
                new Page.ScreenshotOptions().setPath(Browser.screenshot(name)).setFullPage(true));
    }

    @Test
    void anAdministratorAddsAServiceAndRenamesItOnTheCataloguePage() {
        String code = "C" + (100 + ThreadLocalRandom.current().nextInt(900));
        Page page = signIn(users.ready("catbrowser", Role.SYSTEM_ADMIN, "11"));

        page.navigate(url("/admin/users"));
        page.click("a[href='/services/catalogue']");
        page.fill("#new-code", code);
        page.fill("#new-nameZh", "孕期营养讲座");
        page.fill("#new-nameEn", "Nutrition in pregnancy talk");
        page.click("#add-service button[type=submit]");

        assertThat(page.locator("#saved")).containsText(code);
        var row = page.locator("#service-" + code);
        assertThat(row.locator("input[name=nameZh]")).hasValue("孕期营养讲座");
        row.locator("input[name=nameZh]").fill("孕期营养与体重管理讲座");
        row.locator("button.save").click();
        assertThat(page.locator("#service-" + code + " input[name=nameZh]")).hasValue("孕期营养与体重管理讲座");
        page.fill("#new-code", "B02");
        page.fill("#new-nameZh", "重复代码");
        page.click("#add-service button[type=submit]");
        assertThat(page.locator("#error")).containsText("已存在");
        shot(page, "services-catalogue-admin");
    }

    @Test
    void aProviderPreviewsAnActivityAndRecordsTheServiceForTheEligibleAttendees() {
        var api = new ApiClient(port);
        String officer = api.token(users.ready("actbrowserofficer", Role.DISTRICT_OFFICER, "110107"));
        long planning = register(api, officer, ServiceApiTests.woman("活动甲", "19910601", "A10", today.minusMonths(8)));
        long recent = register(api, officer, ServiceApiTests.woman("活动乙", "19910602", "A10", today.minusMonths(2)));
        Map<String, Object> site = new HashMap<>();
        site.put("communityCode", ServiceApiTests.COMMUNITY);
        site.put("name", "八宝山优生站" + System.nanoTime() % 10000);
        site.put("model", "COMMUNITY");
        site.put("stationName", "新居民温馨驿站");
        site.put("address", "八宝山路3号");
        site.put("estimatedHeadcount", 40);
        site.put("capacity", 30);
        site.put("establishedOn", "2011-03-01");
        long siteId = api.post("/api/v1/sites", json.writeValueAsString(site), officer)
                .json()
                .get("id")
                .asLong();
        Map<String, Object> activity = new HashMap<>();
        activity.put("heldOn", today.toString());
        activity.put("kind", "LECTURE");
        activity.put("topic", "优生优育知识讲座");
        activity.put("organiser", "区计生服务站");
        activity.put("headcount", 12);
        activity.put("personIds", List.of(planning, recent));
        long activityId = api.post(
                        "/api/v1/sites/" + siteId + "/activities", json.writeValueAsString(activity), officer)
                .json()
                .get("id")
                .asLong();
        Page page = signIn(users.ready("actbrowser", Role.SERVICE_PROVIDER, "110107001"));

        page.navigate(url("/services/activity"));
        page.selectOption("#site", String.valueOf(siteId));
        // choosing the site shows its activities at once (the list once stayed disabled until "preview")
        page.waitForURL(java.util.regex.Pattern.compile(".*[?&]site=" + siteId + "(&.*)?$"));
        assertThat(page.locator("#activity")).isEnabled();
        page.selectOption("#activity", String.valueOf(activityId));
        page.selectOption("#service", "C02");
        page.click("#preview");
        assertThat(page.locator("#attendee-" + planning)).containsText("符合条件");
        assertThat(page.locator("#attendee-" + recent)).containsText("不满6个月");
        shot(page, "services-activity-preview");
        page.click("#record-all");

        assertThat(page.locator("#summary")).containsText("已登记");
        assertThat(page.locator("#attendee-" + planning)).containsText("已登记");
        assertThat(page.locator("#attendee-" + recent)).containsText("不符合条件");
        shot(page, "services-activity-recorded");
        page.navigate(url("/services/persons/" + planning));
        assertThat(page.locator("#records")).containsText("免费孕前优生健康检查");
    }

    @Test
    void aProviderTriesAnImportSeesTheWrongRowsAndThenImportsTheFixedFile() throws Exception {
        var api = new ApiClient(port);
        String officer = api.token(users.ready("impbrowserofficer", Role.DISTRICT_OFFICER, "110107"));
        var body = ServiceApiTests.woman("导入页", "19910603", "700", today.minusYears(1));
        register(api, officer, body);
        String id = (String) body.get("idNumber");
        String good = id + ",导入页,B02," + today + ",八宝山社区卫生服务站,是,是,NORMAL,,,,";
        String bad = id + ",导入页,B02,昨天,八宝山社区卫生服务站,是,是,GOOD,,,,";
        Page page = signIn(users.ready("impbrowser", Role.SERVICE_PROVIDER, "110107001"));

        page.navigate(url("/services/import"));
        page.setInputFiles("#file", new FilePayload("服务记录.csv", "text/csv", csv(good, bad)));
        page.click("#upload");
        assertThat(page.locator("#summary")).containsText("试导入");
        assertThat(page.locator("#errors")).containsText("服务日期");
        assertThat(page.locator("#errors")).containsText("结果");
        assertThat(page.locator("#error-report")).isVisible();
        shot(page, "services-import-errors");

        // another import holds the recording lock: this one has read its rows and waits, and its page says so
        try (var other = HeldRecordingLock.take(transactions, records)) {
            page.setInputFiles("#file", new FilePayload("服务记录.csv", "text/csv", csv(good)));
            page.uncheck("#dryRun");
            page.click("#upload");
            assertThat(page.locator("#running")).containsText("正在检查“服务记录.csv”：已读取 1 行，其中出错 0 行");
            shot(page, "services-import-running");
        }
        assertThat(page.locator("#summary")).containsText("导入完成");
        assertThat(page.locator("#recent")).containsText("已导入");
        shot(page, "services-import-done");
    }

    @org.springframework.beans.factory.annotation.Autowired
    ServiceRecords records;

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.transaction.support.TransactionTemplate transactions;

    static byte[] csv(String... rows) {
        return (ServiceImportTests.HEADER + "\n" + String.join("\n", rows) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    long register(ApiClient api, String token, Map<String, Object> body) {
        var answer = api.post("/api/v1/persons", json.writeValueAsString(body), token);
        org.assertj.core.api.Assertions.assertThat(answer.status())
                .as(answer.body())
                .isEqualTo(201);
        return answer.json().get("id").asLong();
    }
}
