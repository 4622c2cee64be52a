package org.liudong.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.liudong.CrashSafetyTests;
import org.liudong.ServerProcess;
import org.liudong.support.ApiClient;
import org.liudong.support.TestIdNumbers;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sending node in a process of its own, killed like {@code kill -9} while its dispatcher is posting inflow
 * notices to the home county's node (in this JVM), then restarted on the same folder: every notice whose
 * registration committed reaches the home node exactly once, and the sender sees each delivered.
 */
class ExchangeCrashTests {

    static final Path ROOT = Path.of("target", "exchange-crash").toAbsolutePath();
    static final String HOME_COUNTY = "130602";

    @Test
    void aSenderKilledWhileSendingDeliversEveryCommittedNoticeOnceAfterItsRestart() throws Exception {
        ThreeNodeExchangeTests.deleteRecursively(ROOT);
        Path senderDir = ROOT.resolve("shijingshan");
        // the sender's keys exist before its first start (it loads them), so that the home node can know them
        NodeKeys senderKeys = NodeKeys.loadOrCreate(senderDir.resolve("exchange"));
        var home = ThreeNodeExchangeTests.NodeSpec.create("130600", "crash_home", List.of(HOME_COUNTY));
        ThreeNodeExchangeTests.createDatabase(home.database());
        // the sender talks to the home node through a proxy that holds each request 0.8 s, so that a send is
        // in flight when the sender is killed (the proxy still delivers it: its receipt never reaches the sender)
        com.sun.net.httpserver.HttpServer proxy = slowProxy(home.url(), Duration.ofMillis(800));
        String proxyUrl = "http://127.0.0.1:" + proxy.getAddress().getPort();
        try (ServerProcess sender = new ServerProcess(senderDir)) {
            var senderPeer = new NodeSettings.Peer(
                    "110107",
                    "http://127.0.0.1:" + sender.port,
                    senderKeys.signingKeyText(),
                    senderKeys.agreementKeyText(),
                    List.of("110107"),
                    false);
            ConfigurableApplicationContext homeNode = ThreeNodeExchangeTests.start(home, false, List.of(senderPeer));
            try {
                String[] node = {
                    "--liudong.node.code=110107",
                    "--liudong.node.counties=110107",
                    "--liudong.node.mode=node",
                    "--liudong.node.url=http://127.0.0.1:" + sender.port,
                    "--liudong.exchange.pseudonym-key=" + ThreeNodeExchangeTests.PSEUDONYM_KEY,
                    "--liudong.exchange.retry-initial=100ms",
                    "--liudong.exchange.retry-max=500ms",
                    "--liudong.exchange.breaker-open=500ms",
                    "--liudong.exchange.poll-interval=100ms",
                    "--liudong.node.peers[0].code=" + home.code(),
                    "--liudong.node.peers[0].url=" + proxyUrl,
                    "--liudong.node.peers[0].signing-key=" + home.keys().signingKeyText(),
                    "--liudong.node.peers[0].agreement-key=" + home.keys().agreementKeyText(),
                    "--liudong.node.peers[0].counties=" + HOME_COUNTY,
                    "--liudong.node.peers[0].hub=false"
                };
                sender.start(node);
                JdbcClient senderDb = JdbcClient.create(new DriverManagerDataSource(sender.jdbcUrl(), "postgres", ""));
                JdbcClient homeDb = ThreeNodeExchangeTests.jdbc(homeNode);
                senderDb.sql("update app_user set must_change_password = false, password_changed_at = now()"
                                + " where username = 'shijingshan'")
                        .update();
                ApiClient api = new ApiClient(sender.port);
                String officer = api.token("shijingshan", CrashSafetyTests.firstPassword(senderDir, "shijingshan"));

                // registrations go on while notices are being sent; the sender is killed once some have arrived
                AtomicBoolean stop = new AtomicBoolean();
                AtomicInteger acknowledged = new AtomicInteger();
                List<String> acknowledgedIds = java.util.Collections.synchronizedList(new ArrayList<>());
                Thread client = new Thread(() -> register(api, officer, stop, acknowledged, acknowledgedIds));
                client.start();
                ThreeNodeExchangeTests.awaitTrue(Duration.ofSeconds(120), () -> received(homeDb) >= 30);
                sender.kill();
                stop.set(true);
                client.join();
                long sentBeforeKill = count(senderDb, "select count(*) from exchange_outbox");
                long openBeforeKill =
                        count(senderDb, "select count(*) from exchange_outbox where status <> 'DELIVERED'");
                long receivedBeforeKill = received(homeDb);
                System.out.printf(
                        "Exchange crash: killed with %d notices written, %d not yet delivered, %d received%n",
                        sentBeforeKill, openBeforeKill, receivedBeforeKill);

                sender.start(node);
                senderDb = JdbcClient.create(new DriverManagerDataSource(sender.jdbcUrl(), "postgres", ""));
                JdbcClient after = senderDb;
                ThreeNodeExchangeTests.awaitTrue(
                        Duration.ofSeconds(120),
                        () -> count(after, "select count(*) from exchange_outbox where status <> 'DELIVERED'") == 0
                                && received(homeDb) == count(after, "select count(*) from exchange_outbox"));

                // the kill came in the middle: some notices had arrived, others were still to be sent
                assertThat(receivedBeforeKill).isPositive();
                assertThat(openBeforeKill).isPositive();
                // one notice per registered person, none for a registration that did not commit
                long persons = count(senderDb, "select count(*) from person");
                List<String> subjects = senderDb.sql("select subject from exchange_outbox where type = 'INFLOW_NOTICE'")
                        .query(String.class)
                        .list();
                assertThat(subjects).hasSize((int) persons).doesNotHaveDuplicates();
                assertThat(persons).isGreaterThanOrEqualTo(acknowledged.get());
                assertThat(count(senderDb, "select count(*) from exchange_outbox"))
                        .isEqualTo(sentBeforeKill);
                for (String idNumber : List.copyOf(acknowledgedIds)) {
                    assertThat(subjects)
                            .as("the notice of an acknowledged registration")
                            .contains(Algorithms.pseudonym(new byte[32], idNumber));
                }
                // each reached the home node once and was applied
                List<String> arrived = homeDb.sql("select subject from exchange_inbox where sender_node = '110107'"
                                + " and type = 'INFLOW_NOTICE' and status = 'APPLIED'")
                        .query(String.class)
                        .list();
                assertThat(arrived).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(subjects);
                assertThat(received(homeDb)).isEqualTo(count(senderDb, "select count(*) from exchange_outbox"));
            } finally {
                homeNode.close();
            }
        } finally {
            proxy.stop(0);
        }
    }

    /** An HTTP proxy to {@code target} that waits {@code delay} before passing each request on. */
    private static com.sun.net.httpserver.HttpServer slowProxy(String target, Duration delay) throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var proxy = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        proxy.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
        proxy.createContext("/", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                Thread.sleep(delay.toMillis());
                var request = java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create(target + exchange.getRequestURI()))
                        .method(
                                exchange.getRequestMethod(),
                                java.net.http.HttpRequest.BodyPublishers.ofByteArray(body));
                String type = exchange.getRequestHeaders().getFirst("Content-Type");
                if (type != null) {
                    request.header("Content-Type", type);
                }
                var answer = http.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
                answer.headers()
                        .firstValue("Content-Type")
                        .ifPresent(value -> exchange.getResponseHeaders().set("Content-Type", value));
                exchange.sendResponseHeaders(
                        answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
                exchange.getResponseBody().write(answer.body());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        proxy.start();
        return proxy;
    }

    private static void register(
            ApiClient api, String token, AtomicBoolean stop, AtomicInteger acknowledged, List<String> ids) {
        JsonMapper json = JsonMapper.builder().build();
        for (int i = 0; !stop.get() && i < 2_000; i++) {
            String idNumber = TestIdNumbers.of(
                    HOME_COUNTY, LocalDate.of(1990, 1, 1).plusDays(i).toString().replace("-", ""), "2");
            try {
                var answer = api.post(
                        "/api/v1/persons",
                        json.writeValueAsString(CrashSafetyTests.person("崔" + "丽娜静敏燕".charAt(i % 5), idNumber, i)),
                        token);
                if (answer.status() == 201) {
                    acknowledged.incrementAndGet();
                    ids.add(idNumber);
                }
            } catch (RuntimeException killed) {
                return; // the server is gone
            }
        }
    }

    private static long received(JdbcClient homeDb) {
        return count(homeDb, "select count(*) from exchange_inbox where sender_node = '110107'");
    }

    private static long count(JdbcClient db, String sql) {
        return db.sql(sql).query(Long.class).single();
    }
}
