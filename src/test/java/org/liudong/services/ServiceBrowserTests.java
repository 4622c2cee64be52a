package org.liudong.services;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.liudong.security.Role;
import org.liudong.security.TestUsers;
import org.liudong.support.ApiClient;
import org.liudong.support.Browser;
import org.liudong.support.BrowserTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ServiceBrowserTests extends BrowserTest {

    @Autowired
    TestUsers users;

    @Test
    void aProviderRecordsACheckFromTheDueListAndThePersonLeavesIt() {
        var api = new ApiClient(port);
        String officer = api.token(users.ready("svcbrowserofficer", Role.DISTRICT_OFFICER, "110107"));
        var body =
                ServiceApiTests.woman("吴秀英", "19860707", "700", LocalDate.now().minusYears(1));
        long person = api.post("/api/v1/persons", JsonMapper.builder().build().writeValueAsString(body), officer)
                .json()
                .get("id")
                .asLong();
        var provider = users.ready("svcbrowser", Role.SERVICE_PROVIDER, "110107001");
        Page page = signIn(provider, new com.microsoft.playwright.Browser.NewContextOptions());

        // the community's list is long (the other tests' persons are on it): the worker finds her by name
        page.navigate("http://localhost:" + port + "/services?unit=110107001003");
        page.fill("#q", "吴秀英");
        page.click("form[action='/services'] button[type=submit]");
        assertThat(page.locator("#due-matching")).containsText("吴秀英");
        var row = page.locator("#due-" + person + "-B02");
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(Browser.screenshot("services-due-before"))
                .setFullPage(true));
        assertThat(row).containsText("孕情环情检查");
        assertThat(row).containsText("已婚");

        // on a phone the row's actions are on the screen, not to the right of it
        page.setViewportSize(390, 844);
        var record = row.locator("button.record").boundingBox();
        var visit = row.locator("button.visit").boundingBox();
        org.assertj.core.api.Assertions.assertThat(record.x + record.width).isLessThanOrEqualTo(390);
        org.assertj.core.api.Assertions.assertThat(visit.x + visit.width).isLessThanOrEqualTo(390);
        page.screenshot(new Page.ScreenshotOptions().setPath(Browser.screenshot("services-due-phone")));
        page.setViewportSize(1280, 720);

        row.locator("input[name=reason]").fill("本人上班未遇");
        row.locator("button.visit").click();
        assertThat(page.locator("#due-" + person + "-B02")).containsText("本人上班未遇");

        page.locator("#due-" + person + "-B02 button.record").click();

        assertThat(page.locator("#due-" + person + "-B02")).hasCount(0);
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(Browser.screenshot("services-due-after"))
                .setFullPage(true));

        page.navigate("http://localhost:" + port + "/services/persons/" + person);
        assertThat(page.locator("#records")).containsText("孕情环情检查");
        // the visit that found her out is on her page too
        assertThat(page.locator("#visits")).containsText("本人上班未遇");
        assertThat(page.locator("#visits")).containsText("孕情环情检查");
        assertThat(page.locator("h1")).containsText("吴秀英");

        // results are chosen by name, among those of the service chosen
        page.selectOption("#service", "B02");
        assertThat(page.locator("#result option[value=PREGNANT]")).isEnabled();
        assertThat(page.locator("#result option[value=PREGNANT]")).hasText("已孕");
        assertThat(page.locator("#result option[value=AWARE]")).isDisabled();
        page.selectOption("#service", "A03");
        assertThat(page.locator("#result option[value=AWARE]")).isEnabled();
        assertThat(page.locator("#result option[value=PREGNANT]")).isDisabled();
        page.selectOption("#result", "AWARE");

        // a refused record keeps what was typed
        page.fill("#on", LocalDate.now().plusDays(3).toString());
        page.fill("#notes", "入户宣传");
        page.click("#record-form button[type=submit]");
        assertThat(page.locator("#error")).isVisible();
        assertThat(page.locator("#service")).hasValue("A03");
        assertThat(page.locator("#result")).hasValue("AWARE");
        assertThat(page.locator("#on")).hasValue(LocalDate.now().plusDays(3).toString());
        assertThat(page.locator("#notes")).hasValue("入户宣传");

        page.fill("#on", LocalDate.now().toString());
        page.click("#record-form button[type=submit]");
        assertThat(page.locator("#records")).containsText("政策知晓调查");
        assertThat(page.locator("#records")).containsText("知晓");
        assertThat(page.locator("#records")).not().containsText("AWARE");

        // the check recorded with one click from the due list had no result: corrected on her page, with why
        var check = page.locator("#records tr", new Page.LocatorOptions().setHasText("孕情环情检查"));
        assertThat(check).hasCount(1);
        check.locator("summary").click();
        check.locator("select[name=result]").selectOption("PREGNANT");
        assertThat(check.locator("select[name=result] option[value=AWARE]")).hasCount(0);
        check.locator("input[name=reason]").fill("登记时漏填结果");
        check.locator("form button[type=submit]").click();
        var corrected = page.locator("#records tr", new Page.LocatorOptions().setHasText("孕情环情检查"));
        assertThat(corrected).containsText("已孕");
        assertThat(corrected).containsText("v1");
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(Browser.screenshot("services-person"))
                .setFullPage(true));
    }
}
