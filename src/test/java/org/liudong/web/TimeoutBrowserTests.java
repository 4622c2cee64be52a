package org.liudong.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser.NewContextOptions;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.liudong.security.Role;
import org.liudong.security.TestUsers;
import org.liudong.support.Browser;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The idle timeout, shortened to a few seconds for this test only. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"liudong.security.session.idle-timeout=4s", "liudong.security.session.admin-idle-timeout=4s"})
class TimeoutBrowserTests {

    @LocalServerPort
    int port;

    @Autowired
    TestUsers users;

    @Test
    void aDistrictOfficerSignsInWithTotpIdlesPastTheTimeoutAndIsSentBackToLogin() throws Exception {
        Browser.requireChromium();
        var user = users.ready("idle", Role.DISTRICT_OFFICER, "110107");
        try (Playwright playwright = Playwright.create();
                var browser = Browser.launch(playwright)) {
            Page page = browser.newContext(new NewContextOptions()).newPage();
            page.navigate("http://localhost:" + port + "/");
            Browser.submitSignIn(page, user.username(), user.password(), user::code);
            assertThat(page.locator("#scope-name")).hasText("石景山区");

            Thread.sleep(6_000);
            page.navigate("http://localhost:" + port + "/org/110107");

            assertThat(page).hasURL(Pattern.compile(".*/login$"));
        }
    }
}
