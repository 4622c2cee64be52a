package org.liudong.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser.NewContextOptions;
import com.microsoft.playwright.Page;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.liudong.LiudongApplication;
import org.liudong.imports.demo.DemoDistrict;
import org.liudong.security.Role;
import org.liudong.security.TestUsers;
import org.liudong.support.BrowserTest;
import org.liudong.support.SharedTestDatabase;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Every role walks the pages as a user would, from the home page along every link it is shown (and every filter
 * form, sent as shown), on a small demo
 * district (persons, sites, services, exchange traffic, scorecards) in a database of its own, in Chinese and in
 * English. Each page reached by a link must open, load all it asks for, and run without a browser error: a link
 * to a page the role may not open, a script or style the Content-Security-Policy blocks, a failing fragment or a
 * missing message all count. This walk found the sites' year choices doing nothing (an inline handler the policy
 * blocked), the statistics refusing the street and community roles it is in the menu for, and the auditor's home
 * page linking to the org tree it may not open.
 */
class PageCrawlTests extends BrowserTest {

    private static final String DATABASE = "page_crawl";
    private static final int MAX_PAGES = 120;
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern NOT_A_PAGE = Pattern.compile(
            ".*(/logout|/api/|/v3/api-docs|/swagger-ui|/export|[?&]lang=|\\.(xlsx|csv|json|txt|pdf)).*");

    /** The page's links, and its filter forms (method GET) as they would be sent with the values shown. */
    private static final String LINKS_AND_FILTERS = """
            () => [...document.querySelectorAll('a[href]')]
                .filter(a => !a.hasAttribute('download'))
                .map(a => a.href.replace(/#.*$/, ''))
                .concat([...document.querySelectorAll('form')]
                    .filter(f => (f.getAttribute('method') || 'get').toLowerCase() === 'get')
                    .map(f => {
                        // the attribute, not f.action: a field named "action" (the audit trail's) shadows it
                        const url = new URL(f.getAttribute('action') || location.href, location.href);
                        new FormData(f).forEach((value, name) => {
                            if (typeof value === 'string') url.searchParams.append(name, value);
                        });
                        return url.href;
                    }))""";

    static ConfigurableApplicationContext context;
    static String base;
    static String community;

    @BeforeAll
    static void startWithTheDemoDistrict() throws Exception {
        Map<String, Object> properties = Map.of(
                "liudong.db.url", SharedTestDatabase.freshDatabase(DATABASE),
                "liudong.db.user", "postgres",
                "liudong.db.password", "",
                "liudong.data-dir",
                        Path.of("target", "page-crawl").toAbsolutePath().toString(),
                "server.port", "0",
                "spring.main.banner-mode", "off");
        context = new SpringApplicationBuilder(LiudongApplication.class)
                .initializers(c -> {
                    var sources = c.getEnvironment().getPropertySources();
                    sources.remove("shared-test-database");
                    sources.addFirst(new MapPropertySource("page-crawl", properties));
                })
                .run();
        base = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
        TestUsers users = context.getBean(TestUsers.class);
        users.signIn(users.create("crawl-demo", Role.DISTRICT_OFFICER, "110107").username());
        try {
            context.getBean(DemoDistrict.class).generate(4711L, 0.01, true);
        } finally {
            SecurityContextHolder.clearContext();
        }
        // the community with the most sites, so that the community's and the site's roles have something to open
        community = context.getBean(JdbcClient.class)
                .sql("select community_code from service_site group by 1 order by count(*) desc, 1 limit 1")
                .query(String.class)
                .single();
    }

    @AfterAll
    static void stopTheServer() {
        if (context != null) {
            context.close();
        }
    }

    private static String scope(Role role) {
        return switch (role) {
            case STREET_OFFICER, SERVICE_PROVIDER -> community.substring(0, 9);
            case COMMUNITY_WORKER, SITE_MANAGER -> community;
            case SYSTEM_ADMIN -> "11";
            default -> "110107";
        };
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void everyPageARoleIsLinkedToOpensAndRunsWithoutErrorsInChinese(Role role) {
        List<String> problems = walk(role, "zh-CN", 2);

        assertThat(problems).as(role + ", zh-CN").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(
            value = Role.class,
            names = {"DISTRICT_OFFICER", "COMMUNITY_WORKER", "EXCHANGE_CLERK", "LEADER", "AUDITOR", "SYSTEM_ADMIN"})
    void andInEnglish(Role role) {
        List<String> problems = walk(role, "en", 1);

        assertThat(problems).as(role + ", en").isEmpty();
    }

    /** Signs the role in and follows links breadth-first from the home page; returns what went wrong, by page. */
    private static List<String> walk(Role role, String language, int perPattern) {
        TestUsers.Created user = context.getBean(TestUsers.class).ready("crawl", role, scope(role));
        var browserContext = browser.newContext(new NewContextOptions().setLocale(language));
        Page page = browserContext.newPage();
        List<String> problems = new ArrayList<>();
        String[] current = {"/login"};
        AtomicInteger inFlight = new AtomicInteger();
        page.onRequest(request -> inFlight.incrementAndGet());
        page.onRequestFinished(request -> inFlight.decrementAndGet());
        page.onRequestFailed(request -> {
            inFlight.decrementAndGet();
            if (!String.valueOf(request.failure()).contains("ERR_ABORTED")) {
                problems.add(current[0] + ": " + request.url() + " failed: " + request.failure());
            }
        });
        page.onConsoleMessage(message -> {
            if (message.type().equals("error")) {
                problems.add(current[0] + ": console: " + message.text());
            }
        });
        page.onPageError(error -> problems.add(current[0] + ": script error: " + error));
        page.onResponse(response -> {
            if (response.status() >= 400) {
                problems.add(current[0] + ": " + response.status() + " "
                        + response.url().replace(base, ""));
            }
        });
        try {
            page.navigate(base + "/login");
            page.fill("#username", user.username());
            page.fill("#password", user.password());
            page.click("button[type=submit]");
            if (user.totpSecret() != null) {
                page.waitForURL("**/login/totp");
                page.fill("#code", user.code());
                page.click("button[type=submit]");
            }
            page.waitForURL(base + "/");
            Deque<String> queue = new ArrayDeque<>(List.of(base + "/"));
            Set<String> seen = new HashSet<>(queue);
            Map<String, Integer> patterns = new HashMap<>();
            int opened = 0;
            while (!queue.isEmpty() && opened < MAX_PAGES) {
                String target = queue.poll();
                current[0] = target.replace(base, "");
                opened++;
                page.navigate(target);
                settle(page, inFlight);
                String text = page.locator("body").innerText();
                if (text.contains("??")) {
                    int at = text.indexOf("??");
                    problems.add(current[0] + ": a message without a text: "
                            + text.substring(at, Math.min(text.length(), at + 60))
                                    .replace('\n', ' '));
                }
                @SuppressWarnings("unchecked")
                List<String> links = (List<String>) page.evaluate(LINKS_AND_FILTERS);
                for (String link : links) {
                    if (!link.startsWith(base + "/") || NOT_A_PAGE.matcher(link).matches() || !seen.add(link)) {
                        continue;
                    }
                    if (patterns.merge(pattern(link.substring(base.length())), 1, Integer::sum) <= perPattern) {
                        queue.add(link);
                    }
                }
            }
            System.out.printf(
                    "Page crawl: %s in %s opened %d pages, %d links left%n", role, language, opened, queue.size());
            assertThat(opened).as("pages opened").isGreaterThan(role == Role.AUDITOR ? 1 : 3);
        } finally {
            browserContext.close();
        }
        return problems;
    }

    /** A link's shape: numbers and ids replaced, the query reduced to its names. */
    static String pattern(String pathAndQuery) {
        int query = pathAndQuery.indexOf('?');
        String path = query < 0 ? pathAndQuery : pathAndQuery.substring(0, query);
        String names = query < 0 ? "" : pathAndQuery.substring(query + 1).replaceAll("=[^&]*", "");
        return UUID.matcher(path).replaceAll("ID").replaceAll("\\d+", "N") + "?" + names;
    }

    /** Waits until the page and what it loads after (htmx fragments, charts' data) have all come back. */
    private static void settle(Page page, AtomicInteger inFlight) {
        int quiet = 0;
        for (int i = 0; i < 200 && quiet < 3; i++) {
            page.waitForTimeout(30);
            quiet = inFlight.get() <= 0 ? quiet + 1 : 0;
        }
    }
}
