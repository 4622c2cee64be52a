package org.liudong.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liudong.LiudongApplication;
import org.liudong.security.Role;
import org.liudong.security.TestUsers;
import org.liudong.shared.ClusterJobs;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Two servers against one external PostgreSQL (an embedded one started on its own, crash-safe, as a DBA would
 * run it): a signed-in user's session lives in the database, so it goes on on the other server when the one
 * that signed it in is lost; a scheduled job runs on one server at a time.
 */
class SeveralInstancesTests {

    @TempDir
    static Path dataDir;

    static EmbeddedPostgres database;
    static ConfigurableApplicationContext first;
    static ConfigurableApplicationContext second;
    static int firstPort;
    static int secondPort;

    @BeforeAll
    static void startTwoServersOnOneDatabase() throws Exception {
        database = EmbeddedPostgres.builder()
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .start();
        firstPort = freePort();
        secondPort = freePort();
        first = start(firstPort);
        second = start(secondPort);
    }

    @AfterAll
    static void stop() throws Exception {
        for (var context : new ConfigurableApplicationContext[] {first, second}) {
            if (context != null && context.isActive()) {
                context.close();
            }
        }
        if (database != null) {
            database.close();
        }
    }

    static ConfigurableApplicationContext start(int port) {
        // what LIUDONG_DB_URL, LIUDONG_DB_USER and LIUDONG_DB_PASSWORD set; both share one data folder (keys)
        Map<String, Object> properties = Map.of(
                "server.port",
                port,
                "liudong.data-dir",
                dataDir.toString(),
                "liudong.db.url",
                database.getJdbcUrl("postgres", "postgres"),
                "liudong.db.user",
                "postgres",
                "liudong.db.password",
                "",
                "liudong.db.pool-size",
                4,
                "liudong.db.durability-check",
                true,
                "spring.main.banner-mode",
                "off");
        return new SpringApplicationBuilder(LiudongApplication.class)
                .initializers(context -> {
                    var sources = context.getEnvironment().getPropertySources();
                    sources.remove("shared-test-database");
                    sources.addFirst(new MapPropertySource("instance-" + port, properties));
                })
                .run();
    }

    @Test
    void aSignedInUsersSessionGoesOnOnTheOtherServerWhenTheFirstIsLost() throws Exception {
        var user = first.getBean(TestUsers.class).ready("twin", Role.STREET_OFFICER, "110107001");
        HttpClient browser = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        assertThat(get(browser, secondPort, "/").statusCode())
                .as("not signed in yet: the second server sends to the sign-in page")
                .isEqualTo(302);

        HttpResponse<String> signedIn = signIn(browser, firstPort, user.username(), user.password());
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location").orElse("")).doesNotContain("error");
        assertThat(get(browser, firstPort, "/").statusCode()).isEqualTo(200);

        first.close();

        HttpResponse<String> onTheSecond = get(browser, secondPort, "/");
        assertThat(onTheSecond.statusCode()).isEqualTo(200);
        assertThat(onTheSecond.body()).contains("测试 twin").contains("/logout");
    }

    @Test
    void aJobRunsOnOneServerAtATime() throws Exception {
        ClusterJobs onFirst = (first.isActive() ? first : second).getBean(ClusterJobs.class);
        ClusterJobs onSecond = second.getBean(ClusterJobs.class);
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Boolean> firstRun =
                CompletableFuture.supplyAsync(() -> onFirst.runExclusively("nightly-x", () -> {
                    running.countDown();
                    await(release);
                }));
        assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();

        boolean[] ranOnSecond = {false};
        assertThat(onSecond.runExclusively("nightly-x", () -> ranOnSecond[0] = true))
                .isFalse();
        assertThat(ranOnSecond[0]).isFalse();
        assertThat(onSecond.runExclusively("another-job", () -> {}))
                .as("other jobs are not held")
                .isTrue();

        release.countDown();
        assertThat(firstRun.get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(onSecond.runExclusively("nightly-x", () -> ranOnSecond[0] = true))
                .isTrue();
        assertThat(ranOnSecond[0]).isTrue();
    }

    @Test
    void anImportRunningOnOneServerIsNotTakenForInterruptedWhenTheOtherStarts() throws Exception {
        var live = (first.isActive() ? first : second);
        var jdbc = second.getBean(org.springframework.jdbc.core.simple.JdbcClient.class);
        String insert = "insert into import_job (owner, scope_path, file_name, format, dry_run, status)"
                + " values ('twin', '11', 'a.csv', 'CSV', false, 'RUNNING') returning id";
        long running = jdbc.sql(insert).query(Long.class).single();
        long interrupted = jdbc.sql(insert).query(Long.class).single();
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        var job = CompletableFuture.runAsync(
                () -> live.getBean(ClusterJobs.class).runExclusively("import-" + running, () -> {
                    holding.countDown();
                    await(release);
                }));
        assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();

        org.springframework.test.util.ReflectionTestUtils.invokeMethod(
                second.getBean(org.liudong.imports.ImportJobs.class), "failInterrupted");

        release.countDown();
        job.get(30, TimeUnit.SECONDS);
        String statusOf = "select status from import_job where id = ?";
        assertThat(jdbc.sql(statusOf).param(running).query(String.class).single())
                .isEqualTo("RUNNING");
        assertThat(jdbc.sql(statusOf).param(interrupted).query(String.class).single())
                .isEqualTo("FAILED");
    }

    private static HttpResponse<String> signIn(HttpClient browser, int port, String username, String password)
            throws Exception {
        HttpResponse<String> form = get(browser, port, "/login");
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(form.body());
        assertThat(csrf.find()).as("the sign-in form carries a CSRF token").isTrue();
        String body = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf="
                + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        return browser.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(HttpClient browser, int port, String path) throws Exception {
        return browser.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
