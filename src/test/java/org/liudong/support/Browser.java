package org.liudong.support;

import static org.assertj.core.api.Assertions.fail;

import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    public static com.microsoft.playwright.Browser launch(Playwright playwright) {
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

    public static Path screenshot(String name) {
        return Path.of("target", "screenshots", name + ".png");
    }
}
