package org.liudong.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.liudong.LiudongApplication;
import org.liudong.registry.RegistryEvents.PersonMovedOut;
import org.liudong.registry.RegistryEvents.PersonRegistered;
import org.liudong.security.Role;
import org.liudong.security.TestUsers;
import org.liudong.shared.RestoredFromBackup;
import org.liudong.support.ApiClient;
import org.liudong.support.SharedTestDatabase;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Three servers on loopback in one JVM, each with a database of its own on the shared embedded PostgreSQL: the
 * Shijingshan node (110107), the Baoding/Zhoukou node (130681, 411621) reached only through the hub, and the
 * hub, which forwards by county without being able to read payloads.
 */
class ThreeNodeExchangeTests {

    static final String PSEUDONYM_KEY = Base64.getEncoder().encodeToString(new byte[32]);
    static final Path ROOT = Path.of("target", "three-nodes").toAbsolutePath();

    static NodeSpec shijingshan;
    static NodeSpec baoding;
    static NodeSpec hub;

    /** A server's fixed identity: code, port, database, data folder, keys. */
    record NodeSpec(String code, String database, int port, Path dataDir, NodeKeys keys, List<String> counties) {

        /** The org tree each server loads: Beijing, or Baoding city for the Baoding node. */
        String orgRoot() {
            return counties.isEmpty() || counties.get(0).startsWith("11")
                    ? "11"
                    : counties.get(0).substring(0, 4);
        }

        String url() {
            return "http://127.0.0.1:" + port;
        }

        static NodeSpec create(String code, String database, List<String> counties) throws Exception {
            return create(ROOT, code, database, counties);
        }

        /** A node whose data folder is {@code root/database}, on a free port. */
        static NodeSpec create(Path root, String code, String database, List<String> counties) throws Exception {
            Path dataDir = root.resolve(database);
            try (ServerSocket socket = new ServerSocket(0)) {
                return new NodeSpec(
                        code,
                        database,
                        socket.getLocalPort(),
                        dataDir,
                        NodeKeys.loadOrCreate(dataDir.resolve("exchange")),
                        counties);
            }
        }
    }

    static ConfigurableApplicationContext a;
    static ConfigurableApplicationContext b;
    static ConfigurableApplicationContext h;

    @BeforeAll
    static void startThreeServers() throws Exception {
        deleteRecursively(ROOT);
        shijingshan = NodeSpec.create("110107", "node_sjs", List.of("110107"));
        baoding = NodeSpec.create("130600", "node_bd", List.of("130681", "411621"));
        hub = NodeSpec.create("HUB", "node_hub", List.of());
        for (NodeSpec spec : List.of(shijingshan, baoding, hub)) {
            createDatabase(spec.database());
        }
        h = startHub();
        a = startShijingshan();
        b = startBaoding();
    }

    @AfterAll
    static void stopThreeServers() {
        for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] {a, b, h}) {
            if (context != null && context.isActive()) {
                context.close();
            }
        }
    }

    @Test
    void anInflowNoticeReachesTheHomeNodeThroughTheHubWithItsDeadlineAndTheSenderSeesItDelivered() {
        String idNumber = ExchangeNodeTests.idNumber();
        publish(a, ExchangeNodeTests.registered(idNumber, "FLOATING_FP"));
        String subject = Algorithms.pseudonym(new byte[32], idNumber);

        awaitTrue(() ->
                count(b, "select count(*) from exchange_inbox where subject = ? and status = 'APPLIED'", subject) == 1);
        awaitTrue(() -> "DELIVERED".equals(outboxStatus(a, subject)));

        var received = jdbc(b).sql("select type, to_county, due, payload::text as payload from exchange_inbox"
                        + " where subject = ?")
                .param(subject)
                .query()
                .singleRow();
        assertThat(received.get("type")).isEqualTo("INFLOW_NOTICE");
        assertThat(received.get("to_county")).isEqualTo("130681");
        assertThat(received.get("due")).isNotNull();
        assertThat((String) received.get("payload")).contains(idNumber);
        var atHub = jdbc(h).sql("select status, payload from exchange_inbox where subject = ?")
                .param(subject)
                .query()
                .singleRow();
        assertThat(atHub.get("status")).isEqualTo("FORWARDED");
        assertThat(atHub.get("payload")).isNull();
        assertThat(jdbc(h).sql("select envelope from exchange_outbox where subject = ? and type = 'INFLOW_NOTICE'")
                        .param(subject)
                        .query(String.class)
                        .single())
                .doesNotContain(idNumber);

        theHomeClerkAnswersAndTheItemClosesOnBothSides(subject);
    }

    private void theHomeClerkAnswersAndTheItemClosesOnBothSides(String subject) {
        var baodingClerk = b.getBean(TestUsers.class).ready("bd-clerk", Role.EXCHANGE_CLERK, "130681");
        ApiClient baodingApi = new ApiClient(baoding.port());
        String token = baodingApi.token(baodingClerk);
        String messageId = jdbc(b).sql("select message_id::text from exchange_inbox where subject = ?")
                .param(subject)
                .query(String.class)
                .single();
        var toAnswer = baodingApi.get("/api/v1/exchange/messages?direction=in&status=to_answer", token);
        assertThat(toAnswer.status()).isEqualTo(200);
        assertThat(toAnswer.body()).contains(messageId);

        var answered = baodingApi.post(
                "/api/v1/exchange/messages/" + messageId + "/answer",
                "{\"result\":\"CONFIRMED\",\"note\":\"户籍核实无误\"}",
                token);

        assertThat(answered.status()).isEqualTo(201);
        awaitTrue(() -> "ANSWERED".equals(outboxStatus(a, subject)));
        assertThat(count(b, "select count(*) from exchange_inbox where subject = ? and status = 'ANSWERED'", subject))
                .isEqualTo(1);
        var sjsClerk = a.getBean(TestUsers.class).ready("sjs-clerk", Role.EXCHANGE_CLERK, "110107");
        ApiClient shijingshanApi = new ApiClient(shijingshan.port());
        String sjsToken = shijingshanApi.token(sjsClerk);
        var answeredOut = shijingshanApi.get("/api/v1/exchange/messages?direction=out&status=answered", sjsToken);
        assertThat(answeredOut.body()).contains(messageId);
    }

    @Test
    void whenTheReceiverIsDownForAWhileEverythingArrivesAfterItIsBackInOrderPerPersonAndNothingTwice()
            throws Exception {
        b.close();
        List<String> idNumbers =
                List.of(ExchangeNodeTests.idNumber(), ExchangeNodeTests.idNumber(), ExchangeNodeTests.idNumber());
        for (String idNumber : idNumbers) {
            publish(a, ExchangeNodeTests.registered(idNumber, "FLOATING_FP"));
            publish(a, movedOut(idNumber));
        }
        List<String> subjects = idNumbers.stream()
                .map(id -> Algorithms.pseudonym(new byte[32], id))
                .toList();
        awaitTrue(() -> subjects.stream()
                .allMatch(s -> count(a, "select count(*) from exchange_outbox where subject = ? and status = 'SENT'", s)
                        == 2));
        awaitTrue(() -> subjects.stream()
                .allMatch(s -> count(
                                h,
                                "select count(*) from exchange_outbox where subject = ? and status = 'PENDING'"
                                        + " and attempts > 0",
                                s)
                        >= 1));

        b = startBaoding();

        awaitTrue(() -> subjects.stream()
                .allMatch(s ->
                        count(a, "select count(*) from exchange_outbox where subject = ? and status = 'DELIVERED'", s)
                                == 2));
        for (String subject : subjects) {
            List<String> applied =
                    jdbc(b).sql("""
                            select type from exchange_inbox where subject = ? and status = 'APPLIED'
                            order by applied_at, id""").param(subject).query(String.class).list();
            assertThat(applied).containsExactly("INFLOW_NOTICE", "OUTFLOW_NOTICE");
            assertThat(count(b, "select count(distinct message_id) from exchange_inbox where subject = ?", subject))
                    .isEqualTo(2);
        }
    }

    @Test
    void messagesWrittenWhileTheNextHopIsDownAreSentAfterTheSenderIsRestarted() {
        h.close();
        String idNumber = ExchangeNodeTests.idNumber();
        String subject = Algorithms.pseudonym(new byte[32], idNumber);
        publish(a, ExchangeNodeTests.registered(idNumber, "FLOATING_FP"));
        publish(a, movedOut(idNumber));
        awaitTrue(() ->
                count(a, "select count(*) from exchange_outbox where subject = ? and attempts > 0", subject) >= 1);
        a.close();
        assertThat(count(b, "select count(*) from exchange_inbox where subject = ?", subject))
                .isZero();

        h = startHub();
        a = startShijingshan();

        awaitTrue(() ->
                count(a, "select count(*) from exchange_outbox where subject = ? and status = 'DELIVERED'", subject)
                        == 2);
        assertThat(jdbc(b).sql("select type from exchange_inbox where subject = ? order by applied_at, id")
                        .param(subject)
                        .query(String.class)
                        .list())
                .containsExactly("INFLOW_NOTICE", "OUTFLOW_NOTICE");
    }

    @Test
    void aNodeRestoredFromABackupGetsWhatItLostSentAgainByTheHubAndAppliesItOnce() {
        String x = ExchangeNodeTests.idNumber();
        String y = ExchangeNodeTests.idNumber();
        String z = ExchangeNodeTests.idNumber();
        // one after the other: notices on different subjects travel on parallel lanes and may arrive in either
        // order, and the last one held decides where the hub starts sending again (a crossing resends one more)
        publish(a, ExchangeNodeTests.registered(x, "FLOATING_FP"));
        awaitTrue(() -> appliedAt(b, x) == 1);
        publish(a, ExchangeNodeTests.registered(y, "FLOATING_FP"));
        awaitTrue(() -> appliedAt(b, y) == 1);
        long backup = jdbc(b).sql("select max(id) from exchange_inbox")
                .query(Long.class)
                .single();
        publish(a, ExchangeNodeTests.registered(z, "FLOATING_FP"));
        publish(a, movedOut(x));
        awaitTrue(() -> appliedAt(b, x) == 2 && appliedAt(b, z) == 1);
        String subjectX = Algorithms.pseudonym(new byte[32], x);
        String subjectZ = Algorithms.pseudonym(new byte[32], z);
        // the restore: Baoding's database as it was at the backup, before Z's notice and X's move out
        jdbc(b).sql("delete from exchange_inbox where id > ?").param(backup).update();
        jdbc(b).sql("update exchange_in_sequence set last_seq = 1 where subject = ?")
                .param(subjectX)
                .update();
        jdbc(b).sql("delete from exchange_in_sequence where subject = ?")
                .param(subjectZ)
                .update();
        assertThat(appliedAt(b, x)).isEqualTo(1);

        List<ExchangeResync.PeerAnswer> answers =
                b.getBean(ExchangeResync.class).resync();

        // the hub forwarded everything Baoding got; Shijingshan (known from the hub's directory) sent it nothing
        assertThat(answers)
                .extracting(
                        ExchangeResync.PeerAnswer::node,
                        ExchangeResync.PeerAnswer::resent,
                        ExchangeResync.PeerAnswer::error)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("HUB", 2, null),
                        org.assertj.core.groups.Tuple.tuple("110107", 0, null));
        awaitTrue(() -> appliedAt(b, x) == 2 && appliedAt(b, z) == 1);
        assertThat(jdbc(b).sql("select type from exchange_inbox where subject = ? order by applied_at, id")
                        .param(subjectX)
                        .query(String.class)
                        .list())
                .containsExactly("INFLOW_NOTICE", "OUTFLOW_NOTICE");
        awaitTrue(() ->
                count(h, "select count(*) from exchange_outbox where resend_at is not null and subject = ?", subjectX)
                        == 0);
        // asking again resends at most what crossed on parallel lanes; whatever Baoding already holds gets its stored
        // receipt and is not applied twice
        assertThat(b.getBean(ExchangeResync.class).resync())
                .extracting(ExchangeResync.PeerAnswer::resent)
                .allMatch(n -> n <= 2);
        awaitTrue(() -> jdbc(h).sql("select count(*) from exchange_outbox where resend_at is not null")
                        .query(Integer.class)
                        .single()
                == 0);
        // the same loss again, now followed up as a real restore is: the operations module's event, published in
        // the transaction that marks the restore followed up, starts the handshake once that transaction commits
        jdbc(b).sql("delete from exchange_inbox where id > ?").param(backup).update();
        jdbc(b).sql("update exchange_in_sequence set last_seq = 1 where subject = ?")
                .param(subjectX)
                .update();
        jdbc(b).sql("delete from exchange_in_sequence where subject = ?")
                .param(subjectZ)
                .update();
        assertThat(appliedAt(b, x)).isEqualTo(1);
        assertThat(appliedAt(b, z)).isZero();
        publish(b, new RestoredFromBackup(1, Instant.now(), Instant.now()));
        awaitTrue(() -> appliedAt(b, x) == 2 && appliedAt(b, z) == 1);
        awaitTrue(() -> jdbc(h).sql("select count(*) from exchange_outbox where resend_at is not null")
                        .query(Integer.class)
                        .single()
                == 0);
        assertThat(count(b, "select count(*) from exchange_inbox where subject = ?", subjectX))
                .isEqualTo(2);
        assertThat(count(b, "select count(*) from exchange_inbox where subject = ?", subjectZ))
                .isEqualTo(1);
    }

    static int appliedAt(ConfigurableApplicationContext context, String idNumber) {
        return count(
                context,
                "select count(*) from exchange_inbox where subject = ? and status = 'APPLIED'",
                Algorithms.pseudonym(new byte[32], idNumber));
    }

    static void publish(ConfigurableApplicationContext context, Object event) {
        context.getBean(TransactionTemplate.class).executeWithoutResult(tx -> context.publishEvent(event));
    }

    static PersonMovedOut movedOut(String idNumber) {
        PersonRegistered registered = ExchangeNodeTests.registered(idNumber, "FLOATING_FP");
        return new PersonMovedOut(registered.person(), LocalDate.now(), "130681", "tester", Instant.now());
    }

    static JdbcClient jdbc(ConfigurableApplicationContext context) {
        return context.getBean(JdbcClient.class);
    }

    static int count(ConfigurableApplicationContext context, String sql, String param) {
        return jdbc(context).sql(sql).param(param).query(Integer.class).single();
    }

    static String outboxStatus(ConfigurableApplicationContext context, String subject) {
        return jdbc(context)
                .sql("select status from exchange_outbox where subject = ? and not forwarded order by id limit 1")
                .param(subject)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    static void awaitTrue(BooleanSupplier condition) {
        awaitTrue(Duration.ofSeconds(40), condition);
    }

    static void awaitTrue(Duration timeout, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Condition not met within " + timeout);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    static ConfigurableApplicationContext startHub() {
        return start(hub, true, List.of(peer(shijingshan, true, false), peer(baoding, true, false)));
    }

    static ConfigurableApplicationContext startShijingshan() {
        return start(shijingshan, false, List.of(peer(hub, true, true), peer(baoding, false, false)));
    }

    /**
     * Baoding is configured with the hub only and learns the other nodes (Shijingshan's keys, which it needs to
     * check and decrypt Shijingshan's messages) from the directory the hub publishes.
     */
    static ConfigurableApplicationContext startBaoding() {
        return start(baoding, false, List.of(peer(hub, true, true)), hub.url() + "/api/exchange/v1/directory");
    }

    /** A peer entry; only the hub's address is given to plain nodes, so they talk through it. */
    static NodeSettings.Peer peer(NodeSpec spec, boolean withUrl, boolean isHub) {
        return new NodeSettings.Peer(
                spec.code(),
                withUrl ? spec.url() : "",
                spec.keys().signingKeyText(),
                spec.keys().agreementKeyText(),
                spec.counties(),
                isHub);
    }

    static ConfigurableApplicationContext start(NodeSpec spec, boolean isHub, List<NodeSettings.Peer> peers) {
        return start(spec, isHub, peers, "");
    }

    static ConfigurableApplicationContext start(
            NodeSpec spec, boolean isHub, List<NodeSettings.Peer> peers, String directoryUrl) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("liudong.node.directory-url", directoryUrl);
        properties.put("server.port", spec.port());
        properties.put("liudong.data-dir", spec.dataDir().toString());
        properties.put("liudong.db.url", SharedTestDatabase.jdbcUrl(spec.database()));
        properties.put("liudong.db.user", "postgres");
        properties.put("liudong.db.password", "");
        properties.put("liudong.db.pool-size", 4);
        properties.put("liudong.node.code", spec.code());
        properties.put("liudong.org.root", spec.orgRoot());
        properties.put("liudong.node.counties", String.join(",", spec.counties()));
        properties.put("liudong.node.mode", isHub ? "hub" : "node");
        properties.put("liudong.node.url", spec.url());
        properties.put("liudong.exchange.pseudonym-key", PSEUDONYM_KEY);
        properties.put("liudong.exchange.retry-max", "500ms");
        properties.put("liudong.exchange.retry-initial", "100ms");
        properties.put("liudong.exchange.breaker-open", "500ms");
        properties.put("liudong.exchange.poll-interval", "100ms");
        properties.put("spring.main.banner-mode", "off");
        for (int i = 0; i < peers.size(); i++) {
            NodeSettings.Peer peer = peers.get(i);
            String prefix = "liudong.node.peers[" + i + "].";
            properties.put(prefix + "code", peer.code());
            properties.put(prefix + "url", peer.url());
            properties.put(prefix + "signing-key", peer.signingKey());
            properties.put(prefix + "agreement-key", peer.agreementKey());
            properties.put(prefix + "counties", String.join(",", peer.counties()));
            properties.put(prefix + "hub", peer.hub());
        }
        return new SpringApplicationBuilder(LiudongApplication.class)
                .initializers(context -> {
                    var sources = context.getEnvironment().getPropertySources();
                    sources.remove("shared-test-database");
                    sources.addFirst(new MapPropertySource("node-" + spec.database(), properties));
                })
                .run();
    }

    static void createDatabase(String name) {
        SharedTestDatabase.freshDatabase(name);
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!java.nio.file.Files.exists(path)) {
            return;
        }
        try (var walk = java.nio.file.Files.walk(path)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.delete(p);
            }
        }
    }
}
