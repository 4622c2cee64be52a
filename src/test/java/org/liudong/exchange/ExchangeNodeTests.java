package org.liudong.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liudong.divisions.WorkingDays;
import org.liudong.registry.RegistryEvents.PersonRef;
import org.liudong.registry.RegistryEvents.PersonRegistered;
import org.liudong.security.Role;
import org.liudong.security.TestUsers;
import org.liudong.support.ApiClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/** One node (石景山 110107) with a peer (保定 130600) whose keys the test holds, so it can sign as that peer. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ExchangeNodeTests {

    static final byte[] PSEUDONYM_KEY = "exchange-node-tests-pseudonym-key".getBytes(StandardCharsets.US_ASCII);
    static final NodeKeys PEER_KEYS = peerKeys();
    static final NodeKeys SLOW_PEER_KEYS = peerKeys();
    static final java.util.concurrent.CountDownLatch SLOW_PEER_CALLED = new java.util.concurrent.CountDownLatch(1);
    static final com.sun.net.httpserver.HttpServer SLOW_PEER = slowPeer();

    @DynamicPropertySource
    static void peer(DynamicPropertyRegistry registry) {
        registry.add("liudong.exchange.pseudonym-key", () -> Base64.getEncoder().encodeToString(PSEUDONYM_KEY));
        registry.add("liudong.exchange.retry-max", () -> "2s");
        registry.add("liudong.exchange.auto-answer", () -> "QUERY");
        registry.add("liudong.node.peers[0].code", () -> "130600");
        registry.add("liudong.node.peers[0].url", () -> "http://127.0.0.1:9");
        registry.add("liudong.node.peers[0].signing-key", PEER_KEYS::signingKeyText);
        registry.add("liudong.node.peers[0].agreement-key", PEER_KEYS::agreementKeyText);
        registry.add("liudong.node.peers[0].counties", () -> "130681,411621");
        registry.add("liudong.node.peers[1].code", () -> "420100");
        registry.add(
                "liudong.node.peers[1].url",
                () -> "http://127.0.0.1:" + SLOW_PEER.getAddress().getPort());
        registry.add("liudong.node.peers[1].signing-key", SLOW_PEER_KEYS::signingKeyText);
        registry.add("liudong.node.peers[1].agreement-key", SLOW_PEER_KEYS::agreementKeyText);
        registry.add("liudong.node.peers[1].counties", () -> "420102");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    NodeKeys keys;

    @Autowired
    WorkingDays workingDays;

    @Autowired
    TestUsers users;

    ApiClient api;
    Envelopes peer;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        Node self = new Node(
                "130600",
                "",
                PEER_KEYS.signing().getPublic(),
                PEER_KEYS.agreement().getPublic(),
                List.of("130681", "411621"),
                false);
        Node shijingshan = new Node(
                "110107", "", keys.signing().getPublic(), keys.agreement().getPublic(), List.of("110107"), false);
        peer = new Envelopes(
                new Directory(self, List.of(shijingshan)), PEER_KEYS, EnvelopesTests.settings(), Clock.systemUTC());
    }

    @Test
    void registeringAFloatingPersonFromBaodingWritesAnInflowNoticeToTheHomeCountyWithItsDeadline() {
        String idNumber = idNumber();
        transactions.executeWithoutResult(tx -> events.publishEvent(registered(idNumber, "FLOATING_FP")));

        var row = jdbc.sql(
                        "select type, to_county, from_county, due, payload::text as payload from exchange_outbox where subject = ?")
                .param(Algorithms.pseudonym(PSEUDONYM_KEY, idNumber))
                .query()
                .singleRow();
        assertThat(row.get("type")).isEqualTo("INFLOW_NOTICE");
        assertThat(row.get("to_county")).isEqualTo("130681");
        assertThat(row.get("from_county")).isEqualTo("110107");
        assertThat(((java.sql.Date) row.get("due")).toLocalDate())
                .isEqualTo(workingDays.plusWorkingDays(LocalDate.now(Outbox.CHINA), 15));
        assertThat((String) row.get("payload")).contains(idNumber);
        ThreeNodeExchangeTests.awaitTrue(
                () -> jdbc.sql("select count(*) from exchange_outbox where subject = ? and envelope is not null")
                                .param(Algorithms.pseudonym(PSEUDONYM_KEY, idNumber))
                                .query(Integer.class)
                                .single()
                        == 1);
        String envelope = jdbc.sql("select envelope from exchange_outbox where subject = ?")
                .param(Algorithms.pseudonym(PSEUDONYM_KEY, idNumber))
                .query(String.class)
                .single();
        assertThat(envelope).doesNotContain(idNumber).contains("\"tree\"");
    }

    @Test
    void noNoticeIsWrittenWhenTheLedgerTransactionRollsBackOrThePersonIsNotFloatingFp() {
        String rolledBack = idNumber();
        String otherCategory = idNumber();
        transactions.executeWithoutResult(tx -> {
            events.publishEvent(registered(rolledBack, "FLOATING_FP"));
            tx.setRollbackOnly();
        });
        transactions.executeWithoutResult(tx -> events.publishEvent(registered(otherCategory, "FLOATING_OTHER")));

        assertThat(outboxRows(rolledBack)).isZero();
        assertThat(outboxRows(otherCategory)).isZero();
    }

    @Test
    void aDuplicateDeliveryIsAppliedOnceAndAnsweredWithTheStoredReceipt() {
        Envelope envelope = peer.seal(notice(idNumber(), 1));

        var first = post(envelope);
        var second = post(envelope);

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(jdbc.sql("select count(*) from exchange_inbox where message_id = ?")
                        .param(UUID.fromString(header(envelope).id()))
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        Envelope receipt = Codec.JSON.readValue(first.body(), Envelope.class);
        Envelopes.Opened opened = peer.open(receipt);
        assertThat(opened.type()).isEqualTo(MessageType.RECEIPT);
        assertThat(opened.header().inReplyTo()).isEqualTo(header(envelope).id());
        assertThat(opened.header().inReplyToHash()).isEqualTo(envelope.hash());
    }

    @Test
    void aMessageAfterAGapWaitsAndIsAppliedOnceTheGapIsFilled() {
        String idNumber = idNumber();
        Envelope first = peer.seal(notice(idNumber, 1));
        Envelope second = peer.seal(notice(idNumber, 2));
        Envelope third = peer.seal(notice(idNumber, 3));

        assertThat(post(third).status()).isEqualTo(200);
        assertThat(post(second).status()).isEqualTo(200);
        assertThat(statusOf(second)).isEqualTo("WAITING");
        assertThat(statusOf(third)).isEqualTo("WAITING");

        assertThat(post(first).status()).isEqualTo(200);

        List<Long> appliedOrder = jdbc.sql("""
                        select seq from exchange_inbox where subject = ? and status = 'APPLIED'
                        order by applied_at, id""")
                .param(Algorithms.pseudonym(PSEUDONYM_KEY, idNumber))
                .query(Long.class)
                .list();
        assertThat(appliedOrder).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aBatchIsAppliedInPerPersonOrderWithEachMessageOnceWhateverOrderItsMessagesArriveIn() {
        String p = idNumber();
        String q = "4116211988" + p.substring(10);
        Envelope p1 = peer.seal(notice(p, 1));
        Envelope p2 = peer.seal(notice(p, 2));
        Envelope p3 = peer.seal(notice(p, 3));
        Envelope q1 = peer.seal(notice(q, 1));
        Envelope q2 = peer.seal(notice(q, 2));
        Envelope q3 = peer.seal(notice(q, 3));

        var first = postBatch(p3, q2, p1, p1, q1);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json()).hasSize(5);
        first.json().forEach(item -> assertThat(item.has("receipt")).isTrue());
        assertThat(first.json().get(3))
                .as("the second copy of a message in one batch gets the first copy's receipt")
                .isEqualTo(first.json().get(2));
        assertThat(statusOf(p3)).isEqualTo("WAITING");
        assertThat(statusOf(p1)).isEqualTo("APPLIED");
        assertThat(statusOf(q1)).isEqualTo("APPLIED");
        assertThat(statusOf(q2)).isEqualTo("APPLIED");

        var second = postBatch(p2, q3, p3);

        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().get(2))
                .as("a resend gets the receipt stored the first time")
                .isEqualTo(first.json().get(0));
        assertThat(appliedOrder(p)).containsExactly(1L, 2L, 3L);
        assertThat(appliedOrder(q)).containsExactly(1L, 2L, 3L);
        for (Envelope envelope : List.of(p1, p2, p3, q1, q2, q3)) {
            assertThat(inboxRows(envelope)).isEqualTo(1);
            assertThat(statusOf(envelope)).isEqualTo("APPLIED");
        }
        assertThat(jdbc.sql("select last_seq from exchange_in_sequence where subject = ?")
                        .param(Algorithms.pseudonym(PSEUDONYM_KEY, p))
                        .query(Long.class)
                        .single())
                .isEqualTo(3L);
    }

    @Test
    void aMessageStoredBeforeAndSentTwiceInOneBatchGetsTheStoredReceiptBothTimesAndIsAppliedOnce() {
        Envelope query = peer.seal(query(idNumber()));
        var first = post(query);

        var again = postBatch(query, query);

        assertThat(first.status()).isEqualTo(200);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get(0).get("receipt")).isEqualTo(first.json());
        assertThat(again.json().get(1).get("receipt")).isEqualTo(first.json());
        assertThat(inboxRows(query)).isEqualTo(1);
        assertThat(jdbc.sql(
                                "select count(*) from exchange_outbox where type = 'QUERY_ANSWER' and in_reply_to = ?::uuid")
                        .param(header(query).id())
                        .query(Integer.class)
                        .single())
                .as("answered automatically once")
                .isEqualTo(1);
    }

    @Test
    void aReceiptInABatchQuotingNoMessageOfOursIsRefusedAloneAndTheRestIsApplied() {
        String idNumber = idNumber();
        Envelope notice = peer.seal(notice(idNumber, 1));
        String unknown = UUID.randomUUID().toString();
        Envelope receipt = peer.seal(new Envelopes.Draft(
                UUID.randomUUID().toString(),
                MessageType.RECEIPT,
                "130681",
                "110107",
                Instant.now().truncatedTo(ChronoUnit.MILLIS),
                null,
                unknown,
                "bm8taGFzaA",
                0,
                null,
                Codec.JSON.writeValueAsBytes(Map.of("status", "delivered", "messageId", unknown))));
        int refusalsBefore = refusals("unknown-request");

        var answer = postBatch(receipt, notice);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get(0).path("refused").path("reason").asString())
                .isEqualTo("unknown-request");
        assertThat(answer.json().get(1).has("receipt")).isTrue();
        assertThat(inboxRows(receipt)).isZero();
        assertThat(statusOf(notice)).isEqualTo("APPLIED");
        assertThat(refusals("unknown-request")).isEqualTo(refusalsBefore + 1);
    }

    @Test
    void messagesWrittenTogetherNumberEachPersonsMessagesOnInListOrderAndARollbackTakesNoNumbers() {
        String p = idNumber();
        String q = "4116211988" + p.substring(10);
        UUID before = transactions.execute(tx -> outbox.send(outgoing("130681", p)));
        transactions.executeWithoutResult(tx -> {
            outbox.sendAll(List.of(outgoing("130681", p), outgoing("130681", p)));
            tx.setRollbackOnly();
        });
        List<UUID> together = transactions.execute(tx -> outbox.sendAll(
                List.of(outgoing("130681", p), outgoing("130681", q), outgoing("130681", p), outgoing("130681", p))));

        assertThat(together).hasSize(4).doesNotHaveDuplicates();
        assertThat(outboxSeq(before)).isEqualTo(1L);
        assertThat(List.of(outboxSeq(together.get(0)), outboxSeq(together.get(2)), outboxSeq(together.get(3))))
                .as("the rolled-back messages took no numbers")
                .containsExactly(2L, 3L, 4L);
        assertThat(outboxSeq(together.get(1))).isEqualTo(1L);
        assertThat(outboxRows(p)).isEqualTo(4);
        assertThat(jdbc.sql("select count(distinct due) from exchange_outbox where message_id = any(cast(? as uuid[]))")
                        .param(together.stream().map(UUID::toString).toArray(String[]::new))
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    long outboxSeq(UUID messageId) {
        return jdbc.sql("select seq from exchange_outbox where message_id = ?")
                .param(messageId)
                .query(Long.class)
                .single();
    }

    List<Long> appliedOrder(String idNumber) {
        return jdbc.sql("""
                        select seq from exchange_inbox where subject = ? and status = 'APPLIED'
                        order by applied_at, id""")
                .param(Algorithms.pseudonym(PSEUDONYM_KEY, idNumber))
                .query(Long.class)
                .list();
    }

    ApiClient.Answer postBatch(Envelope... batch) {
        return api.post("/api/exchange/v1/messages", new String(Codec.JSON.writeValueAsBytes(batch)), null);
    }

    @Test
    void anAlteredEnvelopeIsRefusedWithAReasonCountedAndNotApplied() {
        Envelope envelope = peer.seal(notice(idNumber(), 1));
        byte[] payload = Codec.unb64(envelope.payload());
        payload[0] ^= 1;
        Envelope altered = new Envelope(envelope.protectedHeader(), Codec.b64(payload), envelope.signature());
        int refusalsBefore = refusals("bad-signature");

        var answer = post(altered);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.contentType()).contains("application/problem+json");
        assertThat(answer.json().get("reason").asString()).isEqualTo("bad-signature");
        assertThat(refusals("bad-signature")).isEqualTo(refusalsBefore + 1);
        assertThat(inboxRows(envelope)).isZero();
    }

    @Test
    void aPeerSpeakingForACountyItDoesNotServeIsRefused() {
        Envelopes.Draft draft = notice(idNumber(), 1);
        Envelope envelope = peer.seal(new Envelopes.Draft(
                draft.id(),
                draft.type(),
                "130682",
                draft.toCounty(),
                draft.created(),
                draft.due(),
                null,
                null,
                draft.seq(),
                draft.subject(),
                draft.payload()));

        var answer = post(envelope);

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.json().get("reason").asString()).isEqualTo("sender-not-serving-county");
        assertThat(inboxRows(envelope)).isZero();
    }

    @Test
    void aPayloadThatFailsValidationIsRefused() {
        String idNumber = idNumber();
        Envelope envelope = peer.seal(new Envelopes.Draft(
                UUID.randomUUID().toString(),
                MessageType.INFLOW_NOTICE,
                "130681",
                "110107",
                Instant.now(),
                null,
                null,
                null,
                1,
                Algorithms.pseudonym(PSEUDONYM_KEY, idNumber),
                Codec.JSON.writeValueAsBytes(Map.of("idNumber", idNumber))));

        var answer = post(envelope);

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.json().get("reason").asString()).isEqualTo("invalid-payload");
        assertThat(inboxRows(envelope)).isZero();
    }

    @Test
    void aMessageForACountyThisNodeDoesNotServeIsRefused() {
        Envelopes.Draft draft = notice(idNumber(), 1);
        Envelope envelope = peer.seal(new Envelopes.Draft(
                draft.id(),
                draft.type(),
                draft.fromCounty(),
                "130681",
                draft.created(),
                null,
                null,
                null,
                draft.seq(),
                draft.subject(),
                draft.payload()));

        var answer = post(envelope);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("reason").asString()).isIn("not-served-here", "undecryptable");
    }

    @Test
    void theDirectoryIsPublishedSignedWithAnExpiryWithoutAToken() {
        var answer = api.get("/api/exchange/v1/directory", null);

        assertThat(answer.status()).isEqualTo(200);
        Envelope signed = Codec.JSON.readValue(answer.body(), Envelope.class);
        assertThat(Algorithms.verify(
                        Algorithms.EDDSA,
                        keys.signing().getPublic(),
                        signed.signingInput(),
                        Codec.unb64(signed.signature())))
                .isTrue();
        var payload = Codec.JSON.readTree(Codec.unb64(signed.payload()));
        assertThat(payload.get("issuer").asString()).isEqualTo("110107");
        assertThat(Instant.parse(payload.get("expiresAt").asString())).isAfter(Instant.now());
        assertThat(payload.get("nodes").toString()).contains("130681", "110107");
    }

    @Test
    void theClerkSeesAReceivedNoticeToAnswerAndAnswersItOverTheApi() {
        Envelope envelope = peer.seal(notice(idNumber(), 1));
        assertThat(post(envelope).status()).isEqualTo(200);
        String messageId = header(envelope).id();
        var clerk = users.ready("clerk", Role.EXCHANGE_CLERK, "110107");
        String token = api.token(clerk);

        var toAnswer = api.get("/api/v1/exchange/messages?direction=in&status=TO_ANSWER", token);
        var answered =
                api.post("/api/v1/exchange/messages/" + messageId + "/answer", "{\"result\":\"CONFIRMED\"}", token);
        var again = api.post("/api/v1/exchange/messages/" + messageId + "/answer", "{\"result\":\"CONFIRMED\"}", token);

        assertThat(toAnswer.status()).isEqualTo(200);
        assertThat(toAnswer.body()).contains(messageId);
        assertThat(answered.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(400);
        var answer = jdbc.sql("select type, to_county, in_reply_to::text as in_reply_to from exchange_outbox"
                        + " where message_id = ?::uuid")
                .param(answered.json().get("answerId").asString())
                .query()
                .singleRow();
        assertThat(answer.get("type")).isEqualTo("CHANGE_NOTICE");
        assertThat(answer.get("to_county")).isEqualTo("130681");
        assertThat(answer.get("in_reply_to")).isEqualTo(messageId);
        assertThat(statusOf(envelope)).isEqualTo("ANSWERED");
    }

    @Test
    void aPregnancyCheckResultOfAWomanFromBaodingIsReportedToBaodingInTheSameTransaction() {
        String officer = api.token(users.ready("cr-officer", Role.DISTRICT_OFFICER, "110107"));
        String provider = api.token(users.ready("cr-provider", Role.SERVICE_PROVIDER, "110107001"));
        LocalDate today = LocalDate.now();
        var fromBaoding = woman("赵红", "19880707", "700", today.minusMonths(8));
        fromBaoding.put("idNumber", org.liudong.support.TestIdNumbers.of("130681", "19880707", "2"));
        fromBaoding.put("householdCode", "130681");
        var local = woman("钱红", "19880808", "700", today.minusMonths(8));
        local.put("idNumber", org.liudong.support.TestIdNumbers.of("110107", "19880808", "2"));
        local.put("householdCode", "110107");
        long baodingWoman = registerPerson(fromBaoding, officer);
        long localWoman = registerPerson(local, officer);

        var checked = api.post(
                "/api/v1/persons/" + baodingWoman + "/services",
                "{\"service\":\"B02\",\"on\":\"" + today + "\",\"provider\":\"石景山区计划生育服务站\","
                        + "\"result\":\"ABNORMAL\"}",
                provider);
        var checkedLocal = api.post(
                "/api/v1/persons/" + localWoman + "/services",
                "{\"service\":\"B02\",\"on\":\"" + today + "\",\"provider\":\"石景山区计划生育服务站\","
                        + "\"result\":\"NORMAL\"}",
                provider);

        assertThat(checked.status()).as(checked.body()).isEqualTo(201);
        assertThat(checkedLocal.status()).as(checkedLocal.body()).isEqualTo(201);
        var report = jdbc.sql("""
                        select to_county, payload->>'result' as result, payload->>'checkedOn' as checked_on
                        from exchange_outbox where type = 'CONTRACEPTION_REPORT' and subject = ?""")
                .param(Algorithms.pseudonym(PSEUDONYM_KEY, (String) fromBaoding.get("idNumber")))
                .query()
                .singleRow();
        assertThat(report.get("to_county")).isEqualTo("130681");
        assertThat(report.get("result")).isEqualTo("ABNORMAL");
        assertThat(report.get("checked_on")).isEqualTo(today.toString());
        assertThat(jdbc.sql("select count(*) from exchange_outbox where type = 'CONTRACEPTION_REPORT' and subject = ?")
                        .param(Algorithms.pseudonym(PSEUDONYM_KEY, (String) local.get("idNumber")))
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    /** A married woman on contraception (IUD, 700) living in a Shijingshan community since {@code movedIn}. */
    static Map<String, Object> woman(String name, String birth, String contraception, LocalDate movedIn) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("name", name);
        body.put("maritalStatus", "20");
        body.put("contraceptionCode", contraception);
        body.put(
                "residence",
                Map.of(
                        "communityCode", "110107001003",
                        "address", "八宝山路3号",
                        "housingType", "RENTED",
                        "movedIn", movedIn.toString(),
                        "reason", "WORK_BUSINESS"));
        return body;
    }

    private long registerPerson(Map<String, Object> body, String token) {
        var answer = api.post("/api/v1/persons", Codec.JSON.writeValueAsString(body), token);
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.json().get("id").asLong();
    }

    @Test
    void onlyExchangeClerksAndDistrictOfficersUseTheExchange() {
        var worker = users.ready("worker", Role.COMMUNITY_WORKER, "110107001003");
        var officer = users.ready("officer", Role.DISTRICT_OFFICER, "110107");

        var refused = api.get("/api/v1/exchange/messages", api.token(worker));
        var allowed = api.get("/api/v1/exchange/messages?direction=out", api.token(officer));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(allowed.status()).isEqualTo(200);
    }

    @Test
    void aClerkOfAnotherDistrictDoesNotSeeThisDistrictsMessages() {
        Envelope envelope = peer.seal(notice(idNumber(), 1));
        assertThat(post(envelope).status()).isEqualTo(200);
        var other = users.ready("other", Role.EXCHANGE_CLERK, "110108");
        String token = api.token(other);

        var list = api.get("/api/v1/exchange/messages?direction=in", token);
        var one = api.get("/api/v1/exchange/messages/" + header(envelope).id(), token);

        assertThat(list.body()).doesNotContain(header(envelope).id());
        assertThat(one.status()).isEqualTo(404);
    }

    @Test
    void anOldRequestStillToAnswerIsListedBehindHundredsOfNewerNotices() {
        // another district's inbox, so that no other test's messages mix in: one query received two months ago,
        // its answer due a month ago, then more notices than a list shows at once
        UUID old = UUID.randomUUID();
        jdbc.sql("""
                        insert into exchange_inbox (sender_node, message_id, type, from_county, to_county, status, due,
                            received_at, receipt)
                        values ('peer-list', ?, 'QUERY', '370811', '110108', 'APPLIED', current_date - 30,
                            now() - interval '60 days', 'receipt')""").param(old).update();
        jdbc.sql("""
                        insert into exchange_inbox (sender_node, message_id, type, from_county, to_county, status,
                            received_at, receipt)
                        select 'peer-list', gen_random_uuid(), 'CHANGE_NOTICE', '370811', '110108', 'APPLIED',
                            now() - n * interval '1 minute', 'receipt'
                        from generate_series(1, 600) n""").update();
        String token = api.token(users.ready("lister", Role.EXCHANGE_CLERK, "110108"));

        var overdue = api.get("/api/v1/exchange/messages?direction=in&status=OVERDUE", token);
        var toAnswer = api.get("/api/v1/exchange/messages?direction=in&status=TO_ANSWER", token);
        var received = api.get("/api/v1/exchange/messages?direction=in&status=RECEIVED", token);

        assertThat(overdue.status()).as(overdue.body()).isEqualTo(200);
        assertThat(overdue.json()).hasSize(1);
        assertThat(overdue.json().get(0).get("id").asString()).isEqualTo(old.toString());
        assertThat(toAnswer.json()).hasSize(1);
        assertThat(received.json()).hasSize(500);
        assertThat(received.body()).doesNotContain(old.toString());
    }

    @Test
    void readingAMessageIsAuditedAsTheReadOfThePersonItCarries() {
        Envelope envelope = peer.seal(notice(idNumber(), 1));
        assertThat(post(envelope).status()).isEqualTo(200);
        var clerk = users.ready("reader", Role.EXCHANGE_CLERK, "110107");

        var one = api.get("/api/v1/exchange/messages/" + header(envelope).id(), api.token(clerk));

        assertThat(one.status()).as(one.body()).isEqualTo(200);
        assertThat(jdbc.sql("""
                        select actor || ' ' || detail from audit_event
                        where action = 'EXCHANGE_MESSAGE_READ' and target_id = ?""")
                        .param(header(envelope).id())
                        .query(String.class)
                        .list())
                .containsExactly(clerk.username() + " in INFLOW_NOTICE");
    }

    @Test
    void aSlowPeerDoesNotHoldUpMessagesToOtherDestinations() throws Exception {
        UUID slow = transactions.execute(tx -> outbox.send(outgoing("420102", idNumber())));
        assertThat(SLOW_PEER_CALLED.await(10, java.util.concurrent.TimeUnit.SECONDS))
                .isTrue();

        UUID local = transactions.execute(tx -> outbox.send(outgoing("110107", idNumber())));

        ThreeNodeExchangeTests.awaitTrue(
                java.time.Duration.ofSeconds(6), () -> "DELIVERED".equals(outboxStatus(local)));
        assertThat(outboxStatus(slow)).isEqualTo("PENDING");
    }

    @Autowired
    Outbox outbox;

    Outbox.Outgoing outgoing(String toCounty, String idNumber) {
        return new Outbox.Outgoing(
                MessageType.INFLOW_NOTICE,
                "110107",
                toCounty,
                idNumber,
                null,
                Map.of("idNumber", idNumber, "name", "赵丽", "householdCode", toCounty, "movedIn", "2026-03-01"),
                null,
                null,
                false);
    }

    String outboxStatus(UUID id) {
        return jdbc.sql("select status from exchange_outbox where message_id = ?")
                .param(id)
                .query(String.class)
                .single();
    }

    /** A peer that takes 12 seconds to answer anything, then fails. */
    private static com.sun.net.httpserver.HttpServer slowPeer() {
        try {
            var server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
            server.createContext("/", exchange -> {
                SLOW_PEER_CALLED.countDown();
                try {
                    Thread.sleep(12_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    ApiClient.Answer post(Envelope envelope) {
        return api.post("/api/exchange/v1/messages", new String(Codec.JSON.writeValueAsBytes(envelope)), null);
    }

    @Test
    void aQueryIsAnsweredAutomaticallyFromTheLedgerWhenConfigurationAllows() {
        String officer = api.token(users.ready("aa-officer", Role.DISTRICT_OFFICER, "110107"));
        var onLedger = woman("孙红", "19870909", "700", LocalDate.now().minusMonths(3));
        String known = org.liudong.support.TestIdNumbers.of("130681", "19870909", "2");
        onLedger.put("idNumber", known);
        onLedger.put("householdCode", "130681");
        registerPerson(onLedger, officer);
        String unknown = idNumber();
        Envelope aboutKnown = peer.seal(query(known));
        Envelope aboutUnknown = peer.seal(query(unknown));

        assertThat(post(aboutKnown).status()).isEqualTo(200);
        assertThat(post(aboutUnknown).status()).isEqualTo(200);

        assertThat(statusOf(aboutKnown)).isEqualTo("ANSWERED");
        assertThat(statusOf(aboutUnknown)).isEqualTo("ANSWERED");
        assertThat(answerTo(aboutKnown)).isEqualTo("CONFIRMED");
        assertThat(answerTo(aboutUnknown)).isEqualTo("UNKNOWN");
        Envelope notice = peer.seal(notice(idNumber(), 1));
        assertThat(post(notice).status()).isEqualTo(200);
        assertThat(statusOf(notice))
                .as("an inflow notice still waits for a clerk")
                .isEqualTo("APPLIED");
    }

    private String answerTo(Envelope request) {
        return jdbc.sql("""
                        select payload->>'result' from exchange_outbox
                        where type = 'QUERY_ANSWER' and in_reply_to = ?::uuid""").param(header(request).id()).query(String.class).single();
    }

    Envelopes.Draft query(String idNumber) {
        return new Envelopes.Draft(
                UUID.randomUUID().toString(),
                MessageType.QUERY,
                "130681",
                "110107",
                Instant.now().truncatedTo(ChronoUnit.MILLIS),
                LocalDate.now().plusDays(20),
                null,
                null,
                0,
                Algorithms.pseudonym(PSEUDONYM_KEY, idNumber),
                Codec.JSON.writeValueAsBytes(Map.of("idNumber", idNumber, "question", "是否在册")));
    }

    Envelopes.Draft notice(String idNumber, long seq) {
        Map<String, Object> payload =
                Map.of("idNumber", idNumber, "name", "李娟", "householdCode", "110107001001", "movedIn", "2026-03-01");
        return new Envelopes.Draft(
                UUID.randomUUID().toString(),
                MessageType.INFLOW_NOTICE,
                "130681",
                "110107",
                Instant.now().truncatedTo(ChronoUnit.MILLIS),
                LocalDate.now().plusDays(20),
                null,
                null,
                seq,
                Algorithms.pseudonym(PSEUDONYM_KEY, idNumber),
                Codec.JSON.writeValueAsBytes(payload));
    }

    static Header header(Envelope envelope) {
        return Codec.JSON.readValue(Codec.unb64(envelope.protectedHeader()), Header.class);
    }

    String statusOf(Envelope envelope) {
        return jdbc.sql("select status from exchange_inbox where message_id = ?")
                .param(UUID.fromString(header(envelope).id()))
                .query(String.class)
                .single();
    }

    int inboxRows(Envelope envelope) {
        return jdbc.sql("select count(*) from exchange_inbox where message_id = ?")
                .param(UUID.fromString(header(envelope).id()))
                .query(Integer.class)
                .single();
    }

    int refusals(String reason) {
        return jdbc.sql("select count(*) from exchange_refusal where reason = ?")
                .param(reason)
                .query(Integer.class)
                .single();
    }

    int outboxRows(String idNumber) {
        return jdbc.sql("select count(*) from exchange_outbox where subject = ?")
                .param(Algorithms.pseudonym(PSEUDONYM_KEY, idNumber))
                .query(Integer.class)
                .single();
    }

    static PersonRegistered registered(String idNumber, String category) {
        PersonRef person = new PersonRef(
                Math.abs(idNumber.hashCode()),
                idNumber,
                "王秀英",
                "F",
                LocalDate.of(1990, 1, 1),
                "130681100200",
                "/11/110107/110107001/110107001003/");
        return new PersonRegistered(person, "110107001003", LocalDate.now(), category, "tester", Instant.now());
    }

    /** A fresh, well-formed ID number (the check character is not verified by the exchange). */
    static String idNumber() {
        return "1306811990" + String.format("%08d", (System.nanoTime() / 1000) % 100_000_000L);
    }

    private static NodeKeys peerKeys() {
        try {
            return NodeKeys.loadOrCreate(Files.createTempDirectory("peer-keys"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
