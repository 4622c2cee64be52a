package org.liudong.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liudong.divisions.WorkingDays;
import org.liudong.support.ApiClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The assessment's two message types between signed nodes: a partner's SCORECARD and DISPUTE are checked and
 * applied like any message, and a cooperation agreement's stricter deadline is applied as messages are written.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AssessmentMessagesTests {

    static final NodeKeys PEER_KEYS = peerKeys();

    @DynamicPropertySource
    static void peer(DynamicPropertyRegistry registry) {
        registry.add("liudong.node.peers[0].code", () -> "370800");
        registry.add("liudong.node.peers[0].url", () -> "http://127.0.0.1:9");
        registry.add("liudong.node.peers[0].signing-key", PEER_KEYS::signingKeyText);
        registry.add("liudong.node.peers[0].agreement-key", PEER_KEYS::agreementKeyText);
        registry.add("liudong.node.peers[0].counties", () -> "370811");
        registry.add("liudong.exchange.dispatcher-enabled", () -> "false");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    NodeKeys keys;

    @Autowired
    Outbox outbox;

    @Autowired
    Envelopes envelopes;

    @Autowired
    ExchangeRecords records;

    @Autowired
    WorkingDays workingDays;

    @Autowired
    TransactionTemplate transactions;

    ApiClient api;
    Envelopes peer;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        Node self = new Node(
                "370800",
                "",
                PEER_KEYS.signing().getPublic(),
                PEER_KEYS.agreement().getPublic(),
                List.of("370811"),
                false);
        Node shijingshan = new Node(
                "110107", "", keys.signing().getPublic(), keys.agreement().getPublic(), List.of("110107"), false);
        peer = new Envelopes(
                new Directory(self, List.of(shijingshan)), PEER_KEYS, EnvelopesTests.settings(), Clock.systemUTC());
    }

    @AfterEach
    void clean() {
        jdbc.sql("delete from exchange_inbox where from_county = '370811'").update();
        jdbc.sql("delete from exchange_outbox where to_county = '370811'").update();
        jdbc.sql("delete from cooperation_agreement where name = 'test-鲁京'").update();
    }

    ApiClient.Answer post(Envelope envelope) {
        return api.post("/api/exchange/v1/messages", new String(Codec.JSON.writeValueAsBytes(envelope)), null);
    }

    Envelopes.Draft draft(MessageType type, String inReplyTo, String inReplyToHash, String subject, Object payload) {
        return new Envelopes.Draft(
                UUID.randomUUID().toString(),
                type,
                "370811",
                "110107",
                Instant.now().truncatedTo(ChronoUnit.MILLIS),
                null,
                inReplyTo,
                inReplyToHash,
                0,
                subject,
                Codec.JSON.writeValueAsBytes(payload));
    }

    @Test
    void aPartnersSignedScorecardIsAppliedAndReadBack() {
        Envelopes.Draft scorecard = draft(
                MessageType.SCORECARD,
                null,
                null,
                null,
                Map.of("county", "370811", "period", "2013Q2", "figures", List.of()));
        var answer = post(peer.seal(scorecard));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        List<ExchangeRecords.ReceivedScorecard> received = records.scorecardsFrom("370811");
        assertThat(received).hasSize(1);
        assertThat(received.get(0).id().toString()).isEqualTo(scorecard.id());
        assertThat(received.get(0).payload()).contains("2013Q2");
        assertThat(received.get(0).created()).isEqualTo(scorecard.created());

        var missing = post(peer.seal(draft(MessageType.SCORECARD, null, null, null, Map.of("county", "370811"))));
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.body()).contains("period");
    }

    @Test
    void theCounterpartsAreTheOtherCountiesOfTheItems() {
        transactions.execute(status -> outbox.send(new Outbox.Outgoing(
                MessageType.QUERY_ANSWER,
                "110107",
                "370811",
                null,
                "sub-counterpart",
                Map.of("result", "CONFIRMED"),
                UUID.randomUUID(),
                "hash",
                false)));
        List<String> served = records.servedCounties();
        java.util.Set<String> others = new java.util.TreeSet<>();
        for (ExchangeRecords.Item item : records.involving(served)) {
            others.add(served.contains(item.fromCounty()) ? item.toCounty() : item.fromCounty());
        }
        others.removeAll(served);

        assertThat(records.counterparts(served)).contains("370811").isEqualTo(others);
        assertThat(records.counterparts(List.of("999999"))).isEmpty();
    }

    @Test
    void aDisputeMarksOurAnswerDisputedWithItsReasonAndMustQuoteIt() {
        UUID request = UUID.randomUUID();
        String subject = "sub-dispute";
        // our answer as the dispatcher would have sealed it before sending
        UUID ours = transactions.execute(status -> outbox.send(new Outbox.Outgoing(
                MessageType.QUERY_ANSWER,
                "110107",
                "370811",
                null,
                subject,
                Map.of("result", "CONFIRMED"),
                request,
                "hash",
                false)));
        Envelope sealed = envelopes.seal(new Envelopes.Draft(
                ours.toString(),
                MessageType.QUERY_ANSWER,
                "110107",
                "370811",
                Instant.now().truncatedTo(ChronoUnit.MILLIS),
                null,
                request.toString(),
                "hash",
                0,
                subject,
                Codec.JSON.writeValueAsBytes(Map.of("result", "CONFIRMED"))));
        String envelope = new String(Codec.JSON.writeValueAsBytes(sealed));
        jdbc.sql("update exchange_outbox set envelope = ? where message_id = ?")
                .params(envelope, ours)
                .update();
        String hash = Codec.JSON.readValue(envelope, Envelope.class).hash();

        var wrongHash = post(peer.seal(
                draft(MessageType.DISPUTE, ours.toString(), "not-the-hash", subject, Map.of("reason", "不符"))));
        assertThat(wrongHash.status()).isEqualTo(422);
        var noReason = post(peer.seal(draft(MessageType.DISPUTE, ours.toString(), hash, subject, Map.of("x", "y"))));
        assertThat(noReason.status()).isEqualTo(422);

        var dispute =
                post(peer.seal(draft(MessageType.DISPUTE, ours.toString(), hash, subject, Map.of("reason", "不符"))));
        assertThat(dispute.status()).as(dispute.body()).isEqualTo(200);
        ExchangeRecords.Item answer = records.involving(List.of("370811")).stream()
                .filter(i -> i.id().equals(ours))
                .findFirst()
                .orElseThrow();
        assertThat(answer.disputed()).isTrue();
        assertThat(answer.disputeReason()).isEqualTo("不符");
    }

    @Test
    void anAgreementsStricterDeadlineAppliesBetweenItsMembersOnly() {
        long id = jdbc.sql("insert into cooperation_agreement (name, created_by) values ('test-鲁京', 't') returning id")
                .query(Long.class)
                .single();
        jdbc.sql("insert into cooperation_member values (?, '11'), (?, '37')")
                .params(id, id)
                .update();
        jdbc.sql("insert into cooperation_type values (?, 'ASSIST_REQUEST')")
                .param(id)
                .update();
        jdbc.sql("insert into cooperation_deadline values (?, 'ASSIST_REQUEST', 10, true)")
                .param(id)
                .update();
        LocalDate today = LocalDate.now(Outbox.CHINA);
        UUID member = transactions.execute(status -> outbox.send(new Outbox.Outgoing(
                MessageType.ASSIST_REQUEST,
                "110107",
                "370811",
                "11010719900307002X",
                null,
                Map.of("idNumber", "11010719900307002X"),
                null,
                null,
                false)));
        UUID query = transactions.execute(status -> outbox.send(new Outbox.Outgoing(
                MessageType.QUERY,
                "110107",
                "370811",
                "11010719900307002X",
                null,
                Map.of("idNumber", "11010719900307002X"),
                null,
                null,
                false)));
        assertThat(due(member))
                .isEqualTo(workingDays.plusWorkingDays(today, 10))
                .isBefore(today.plusDays(30));
        assertThat(due(query))
                .as("a type the agreement does not cover keeps its default")
                .isEqualTo(workingDays.plusWorkingDays(today, 15));
    }

    LocalDate due(UUID id) {
        return jdbc.sql("select due from exchange_outbox where message_id = ?")
                .param(id)
                .query(LocalDate.class)
                .single();
    }

    private static NodeKeys peerKeys() {
        try {
            return NodeKeys.loadOrCreate(Files.createTempDirectory("peer-keys"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
