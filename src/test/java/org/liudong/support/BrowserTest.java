package org.liudong.support;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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

    /** A fresh browser context signed in through the login form (for roles without a second factor). */
    protected Page formSignIn(
            String username, String password, com.microsoft.playwright.Browser.NewContextOptions options) {
        Page page = browser.newContext(options).newPage();
        page.navigate(url("/login"));
        page.fill("#username", username);
        page.fill("#password", password);
        page.click("button[type=submit]");
        return page;
    }
}
