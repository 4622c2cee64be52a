package org.liudong.tmp;

import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.liudong.imports.demo.DemoDistrict;
import org.liudong.security.Role;
import org.liudong.security.TestUsers;
import org.liudong.support.Browser;
import org.liudong.support.BrowserTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.core.context.SecurityContextHolder;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ShotTmpTests extends BrowserTest {
    @Autowired
    TestUsers users;

    @Autowired
    DemoDistrict district;

    @Test
    void shots() {
        users.signIn(users.create("demo", Role.DISTRICT_OFFICER, "110107").username());
        district.generate(4711L, 0.02, false);
        SecurityContextHolder.clearContext();
        var u = users.ready("shot", Role.STREET_OFFICER, "110107011");
        Page page = formSignIn(
                u.username(),
                u.password(),
                new com.microsoft.playwright.Browser.NewContextOptions().setViewportSize(1280, 900));
        page.navigate(url("/stats?year=2012"));
        page.waitForTimeout(1500);
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(Browser.screenshot("stats-street"))
                .setFullPage(true));
        var c = users.ready("shotc", Role.COMMUNITY_WORKER, "110107011001");
        Page p2 = formSignIn(
                c.username(),
                c.password(),
                new com.microsoft.playwright.Browser.NewContextOptions().setViewportSize(1280, 900));
        p2.navigate(url("/stats?year=2012"));
        p2.waitForTimeout(1500);
        p2.screenshot(new Page.ScreenshotOptions()
                .setPath(Browser.screenshot("stats-community"))
                .setFullPage(false));
        p2.navigate(url("/swagger-ui/index.html"));
        p2.waitForTimeout(2500);
        p2.screenshot(new Page.ScreenshotOptions()
                .setPath(Browser.screenshot("swagger"))
                .setFullPage(false));
    }
}
