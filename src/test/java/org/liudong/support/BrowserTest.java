package org.liudong.support;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.liudong.security.TestUsers;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What every browser test class shares: one Chromium for the class (skipped, or failed under
 * {@code LIUDONG_REQUIRE_BROWSER=1}, when it is missing), the server's address and signing in by the form.
 */
public abstract class BrowserTest {

    protected static Playwright playwright;
    protected static com.microsoft.playwright.Browser browser;

    @LocalServerPort
    protected int port;

    @BeforeAll
    static void launchBrowser() {
        Browser.requireChromium();
        playwright = Playwright.create();
        browser = Browser.launch(playwright);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    protected String url(String path) {
        return "http://localhost:" + port + path;
    }

    /**
     * A fresh browser context signed in through the login form as a user without a second factor, or left
     * on the second factor's page for the test to answer.
     */
    protected Page formSignIn(
            String username, String password, com.microsoft.playwright.Browser.NewContextOptions options) {
        Page page = browser.newContext(options).newPage();
        page.navigate(url("/login"));
        return Browser.submitSignIn(page, username, password, () -> null);
    }

    /** A fresh browser context signed in through the login form, with the second factor when enrolled. */
    protected Page signIn(TestUsers.Created user, com.microsoft.playwright.Browser.NewContextOptions options) {
        Page page = browser.newContext(options).newPage();
        page.navigate(url("/login"));
        return Browser.submitSignIn(page, user.username(), user.password(), user::code);
    }
}
