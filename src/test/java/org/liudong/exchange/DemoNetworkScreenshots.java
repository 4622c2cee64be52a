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
 * ({@code scripts/demo-network.sh}) with {@code ./mvnw -o test-compile surefire:test@default-test
 * -Dtest=DemoNetworkScreenshots -Ddemo.net.dir=… -Ddemo.net.sjs=8081 -Ddemo.net.bd=8082}. Signs in on both nodes with their first passwords (changing them and enrolling a second
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
            Page a = signIn(
                    browser.newContext(),
                    dir,
                    sjs,
                    "shijingshan",
                    newOfficer(browser, dir, sjs, "shijingshan", "110107"));
            Page partnerOfSjs = partnerPage(a, sjs, lateCounty, lateAnswer);
            partnerOfSjs.screenshot(new Page.ScreenshotOptions()
                    .setPath(shots.resolve("demo-network-shijingshan-sees-" + lateCounty + ".png"))
                    .setFullPage(true));

            Page b = signIn(browser.newContext(), dir, bd, "baoding", newOfficer(browser, dir, bd, "baoding", "1306"));
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
                return page;
            }
        }
        throw new AssertionError("No scorecard of " + county + " lists message " + message);
    }

    /**
     * A new district officer of {@code scope}, made by the node's administrator (signed in with the first
     * password, or the one an earlier run chose); answers "username password".
     */
    private static String newOfficer(
            com.microsoft.playwright.Browser browser, Path dir, String base, String node, String scope)
            throws Exception {
        Page admin = signIn(browser.newContext(), dir, base, node, "admin " + firstPassword(dir, node, "admin"));
        String officer = node + "-officer-" + System.currentTimeMillis() % 100000;
        admin.navigate(base + "/admin/users/new");
        admin.fill("#username", officer);
        admin.fill("#displayName", "流管科 " + scope);
        admin.check("#role-DISTRICT_OFFICER");
        admin.fill("#scopeCode", scope);
        admin.click("form[action$='/admin/users'] button[type=submit]");
        return officer + " " + admin.textContent("#first-password").strip();
    }

    /**
     * Signs in with the first password, or with the one an earlier run chose, enrolling a second factor if asked;
     * the secrets are kept in {@code screenshot-totp.properties} of the demo folder for later runs.
     */
    private static Page signIn(BrowserContext context, Path dir, String base, String node, String credentials)
            throws Exception {
        String username = credentials.substring(0, credentials.indexOf(' '));
        String password = credentials.substring(credentials.indexOf(' ') + 1);
        Path secrets = dir.resolve("screenshot-totp.properties");
        java.util.Properties known = new java.util.Properties();
        if (Files.exists(secrets)) {
            try (var in = Files.newBufferedReader(secrets)) {
                known.load(in);
            }
        }
        Page page = context.newPage();
        String current = password;
        for (String attempt : new String[] {password, NEW_PASSWORD}) {
            page.navigate(base + "/login");
            page.fill("#username", username);
            page.fill("#password", attempt);
            page.click("button[type=submit]");
            current = attempt;
            if (!page.url().contains("/login")) {
                break;
            }
        }
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
                known.setProperty(node + "." + username, secret);
                try (var out = Files.newBufferedWriter(secrets)) {
                    known.store(out, "second factors of the screenshot runs");
                }
            } else if (url.contains("/login/totp") && known.getProperty(node + "." + username) != null) {
                page.fill("#code", Totp.code(known.getProperty(node + "." + username), Instant.now()));
                page.click("form[action$='/login/totp'] button[type=submit]");
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
