package org.liudong.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.liudong.security.Totp;
import org.liudong.support.Browser;

/**
 * Not part of the build's tests (the name matches no include pattern): run by hand against a running demo network
 * ({@code scripts/demo-network.sh}) with {@code -Dtest=DemoNetworkScreenshots -Ddemo.net.dir=… -Ddemo.net.sjs=8081
 * -Ddemo.net.bd=8082}. Signs in on both nodes with their first passwords (changing them and enrolling a second
 * factor, as a first sign-in must), creates a district officer of Baoding on the Baoding node, and takes the two
 * partner pages with the answers made late on purpose: Shijingshan's page of the Baoding county that answered
 * late, and Baoding's page of Shijingshan, which answered a Baoding query late. Screenshots go to
 * target/screenshots/demo-network-*.png.
 */
@Tag("manual")
class DemoNetworkScreenshots {

    private static final String NEW_PASSWORD = "Demo-network-2013!";
    private static final Pattern LATE = Pattern.compile(
            "answered late on purpose: assistance request ([0-9a-f-]{36}) \\(by (\\d{6})\\), query ([0-9a-f-]{36})");

    @Test
    void bothPartnerPages() throws Exception {
        Path dir = Path.of(System.getProperty("demo.net.dir", "demo-network"));
        String sjs = "http://127.0.0.1:" + System.getProperty("demo.net.sjs", "8081");
        String bd = "http://127.0.0.1:" + System.getProperty("demo.net.bd", "8082");
        Matcher late = LATE.matcher(Files.readString(dir.resolve("shijingshan.log")));
        assertThat(late.find()).as("the late answers in Shijingshan's log").isTrue();
        String lateAnswer = late.group(1);
        String lateCounty = late.group(2);
        String lateQuery = late.group(3);
        Path shots = Path.of("target", "screenshots");
        Files.createDirectories(shots);

        Browser.requireChromium();
        try (Playwright playwright = Playwright.create()) {
            var browser = Browser.launch(playwright);
            Page a = signIn(browser.newContext(), sjs, "shijingshan", firstPassword(dir, "shijingshan", "shijingshan"));
            Page partnerOfSjs = partnerPage(a, sjs, lateCounty, lateAnswer);
            partnerOfSjs.screenshot(new Page.ScreenshotOptions()
                    .setPath(shots.resolve("demo-network-shijingshan-sees-" + lateCounty + ".png"))
                    .setFullPage(true));

            Page admin = signIn(browser.newContext(), bd, "admin", firstPassword(dir, "baoding", "admin"));
            String officer = "bd-officer-" + System.currentTimeMillis() % 100000;
            admin.navigate(bd + "/admin/users/new");
            admin.fill("#username", officer);
            admin.fill("#displayName", "保定市流管科");
            admin.check("#role-DISTRICT_OFFICER");
            admin.fill("#scopeCode", "1306");
            admin.click("form[action$='/admin/users'] button[type=submit]");
            String password = admin.textContent("#first-password").strip();
            Page b = signIn(browser.newContext(), bd, officer, password);
            Page partnerOfBd = partnerPage(b, bd, "110107", lateQuery);
            partnerOfBd.screenshot(new Page.ScreenshotOptions()
                    .setPath(shots.resolve("demo-network-baoding-sees-110107.png"))
                    .setFullPage(true));
        }
    }

    /** The partner page for the year whose items hold the message, its on-time items opened. */
    private static Page partnerPage(Page page, String base, String county, String message) {
        for (String year : new String[] {"2011", "2012", "2013"}) {
            page.navigate(base + "/assessment/scorecards/" + county + "?period=" + year);
            if (page.content().contains(message)) {
                page.evaluate("document.querySelector('details[data-items=ANSWERED_ON_TIME]').open = true");
                page.evaluate(
                        "m => document.querySelector(`[title='${m}']`).closest('tr').style.background = '#ffe08a'",
                        message);
                return page;
            }
        }
        throw new AssertionError("No scorecard of " + county + " lists message " + message);
    }

    private static Page signIn(BrowserContext context, String base, String username, String password) {
        Page page = context.newPage();
        page.navigate(base + "/login");
        page.fill("#username", username);
        page.fill("#password", password);
        page.click("button[type=submit]");
        String current = password;
        for (int i = 0; i < 6; i++) {
            page.navigate(base + "/");
            String url = page.url();
            if (url.contains("/account/password")) {
                page.fill("#currentPassword", current);
                page.fill("#newPassword", NEW_PASSWORD);
                page.fill("#repeatPassword", NEW_PASSWORD);
                page.click("form[action$='/account/password'] button[type=submit]");
                current = NEW_PASSWORD;
            } else if (url.contains("/account/totp")) {
                String secret = page.textContent("#totp-secret").strip();
                page.fill("#code", Totp.code(secret, Instant.now()));
                page.click("form[action$='/account/totp'] button[type=submit]");
            } else if (!url.contains("/login")) {
                return page;
            } else {
                throw new AssertionError("Sign-in of " + username + " failed at " + url);
            }
        }
        throw new AssertionError("Sign-in of " + username + " did not finish");
    }

    private static String firstPassword(Path dir, String node, String username) throws Exception {
        for (String line : Files.readAllLines(dir.resolve(node).resolve("initial-passwords"))) {
            if (line.startsWith(username + " ")) {
                return line.substring(username.length() + 1).strip();
            }
        }
        throw new AssertionError("No first password of " + username + " for " + node);
    }
}
