package org.liudong.support;

import static org.assertj.core.api.Assertions.fail;

import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.TimeoutError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Chromium driven by Playwright. Without {@code /usr/bin/chromium} browser tests are skipped with
 * a message saying how to install it, unless {@code LIUDONG_REQUIRE_BROWSER=1} makes that a failure.
 */
public final class Browser {

    public static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("LIUDONG_CHROMIUM", "/usr/bin/chromium"));

    private Browser() {}

    public static void requireChromium() {
        if (Files.isExecutable(CHROMIUM)) {
            return;
        }
        String message = "Chromium not found at " + CHROMIUM
                + ": install it with 'apt-get install -y chromium' to run the browser tests";
        if ("1".equals(System.getenv("LIUDONG_REQUIRE_BROWSER"))) {
            fail(message + " (LIUDONG_REQUIRE_BROWSER=1 makes this a failure)");
        }
        Assumptions.abort(message);
    }

    /**
     * Chromium with the flags this machine needs. Assertions wait up to 10 s instead of Playwright's 5 s: a
     * CI machine shared with other builds can take longer than 5 s to answer a page that needs 1 s alone.
     */
    public static com.microsoft.playwright.Browser launch(Playwright playwright) {
        com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout(10_000);
        return playwright
                .chromium()
                .launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(CHROMIUM)
                        .setHeadless(true)
                        .setArgs(List.of(
                                "--no-sandbox",
                                "--disable-gpu",
                                "--disable-background-networking",
                                "--disable-component-update",
                                "--no-first-run",
                                "--disable-sync",
                                "--disable-quic")));
    }

    /**
     * Signs in on the login form already open in the page, with the second factor when {@code code} gives
     * one, and returns once the page signed in to has loaded, so that what the test does next starts from a
     * session known to be signed in. A refused sign-in returns on the login page with its error.
     */
    public static Page submitSignIn(Page page, String username, String password, Supplier<String> code) {
        page.fill("#username", username);
        page.fill("#password", password);
        page.click("button[type=submit]");
        await(page, url -> !url.endsWith("/login"), "the answer to the password of " + username);
        String second = page.url().endsWith("/login/totp") ? code.get() : null;
        if (second != null) {
            page.fill("#code", second);
            page.click("button[type=submit]");
            await(page, url -> !url.contains("/login/totp"), "the answer to the second factor of " + username);
        }
        return page;
    }

    /**
     * Waits for {@code selector} to show on the page, and fails with where the page is and what it says
     * when it does not: a sign-in page or an error page then shows in the test's report.
     */
    public static void expectShown(Page page, String selector) {
        try {
            page.locator(selector).first().waitFor(new Locator.WaitForOptions().setTimeout(10_000));
        } catch (TimeoutError e) {
            failWithPage(page, selector + " not shown");
        }
    }

    private static void await(Page page, Predicate<String> url, String what) {
        try {
            page.waitForURL(url, new Page.WaitForURLOptions().setTimeout(15_000));
        } catch (TimeoutError e) {
            failWithPage(page, "no page after " + what);
        }
    }

    private static void failWithPage(Page page, String what) {
        String text = page.locator("body").innerText().replaceAll("\\s+", " ").strip();
        fail("%s: on %s (%s): %s", what, page.url(), page.title(), text.substring(0, Math.min(400, text.length())));
    }

    public static Path screenshot(String name) {
        return Path.of("target", "screenshots", name + ".png");
    }
}
