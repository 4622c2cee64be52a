package org.liudong.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvelopesTests {

    static final Instant NOW = Instant.parse("2026-03-02T02:00:00Z");

    @TempDir
    static Path keysDir;

    static final TestNodes NODES = new TestNodes();

    @Test
    void anEnvelopeSignedByOneNodeOpensAtTheOtherWithItsPayloadDecrypted() {
        Envelope envelope = NODES.shijingshan().seal(draft(MessageType.INFLOW_NOTICE, "110107", "130681"));

        Envelopes.Opened opened = NODES.baoding().open(envelope);

        assertThat(opened.type()).isEqualTo(MessageType.INFLOW_NOTICE);
        assertThat(opened.header().from()).isEqualTo("110107");
        assertThat(opened.header().toNode()).isEqualTo("130600");
        assertThat(new String(opened.payload(), StandardCharsets.UTF_8)).contains("130681199001011234");
    }

    @Test
    void envelopesSealedInABatchUnderOneSignatureEachOpenOnTheirOwn() {
        List<Envelopes.Draft> drafts = java.util.stream.IntStream.range(0, 7)
                .mapToObj(i -> draft(MessageType.INFLOW_NOTICE, "110107", i % 2 == 0 ? "130681" : "411621"))
                .toList();

        List<Envelope> sealed = NODES.shijingshan().sealAll(drafts);

        assertThat(sealed).hasSize(7);
        assertThat(sealed)
                .extracting(Envelope::signature)
                .containsOnly(sealed.get(0).signature());
        for (int i = 0; i < sealed.size(); i++) {
            Envelopes.Opened opened = NODES.baoding().open(sealed.get(i));
            assertThat(opened.header().id()).isEqualTo(drafts.get(i).id());
            assertThat(opened.header().alg()).isEqualTo(Algorithms.EDDSA_TREE);
            assertThat(new String(opened.payload(), StandardCharsets.UTF_8)).contains("130681199001011234");
        }
    }

    @Test
    void theHashOfAStoredEnvelopeIsReadFromItsTextAsFromTheParsedEnvelope() {
        Envelope sealed = NODES.shijingshan()
                .sealAll(List.of(draft(MessageType.INFLOW_NOTICE, "110107", "130681")))
                .get(0);
        String stored = new String(Codec.JSON.writeValueAsBytes(sealed), StandardCharsets.UTF_8);
        String spaced = stored.replace("\":\"", "\" : \"").replace(",\"", ", \"");

        assertThat(Envelope.hashOfJson(stored)).isEqualTo(sealed.hash());
        assertThat(Envelope.hashOfJson(spaced)).isEqualTo(sealed.hash());
        assertThat(Envelope.hashOfJson(stored.replace(sealed.payload(), sealed.payload() + "A")))
                .isNotEqualTo(sealed.hash());
    }

    @Test
    void aBatchSignedEnvelopeWithAnAlteredPathOrPayloadOrWithoutItsPathIsRefused() {
        List<Envelope> sealed = NODES.shijingshan()
                .sealAll(List.of(
                        draft(MessageType.INFLOW_NOTICE, "110107", "130681"),
                        draft(MessageType.INFLOW_NOTICE, "110107", "130681"),
                        draft(MessageType.INFLOW_NOTICE, "110107", "130681")));
        Envelope first = sealed.get(0);
        Envelope second = sealed.get(1);

        assertRefused(new Envelope(first.protectedHeader(), first.payload(), first.signature()), "bad-signature");
        assertRefused(
                new Envelope(first.protectedHeader(), first.payload(), first.signature(), second.tree()),
                "bad-signature");
        assertRefused(
                new Envelope(second.protectedHeader(), first.payload(), first.signature(), first.tree()),
                "bad-signature");
        assertThat(NODES.baoding().open(first).type()).isEqualTo(MessageType.INFLOW_NOTICE);
    }

    @Test
    void thePayloadOnTheWireDoesNotContainTheIdNumberNorDoesTheHeader() {
        Envelope envelope = NODES.shijingshan().seal(draft(MessageType.INFLOW_NOTICE, "110107", "130681"));

        String header = new String(Codec.unb64(envelope.protectedHeader()), StandardCharsets.UTF_8);
        String payload = new String(Codec.unb64(envelope.payload()), StandardCharsets.ISO_8859_1);
        assertThat(header).doesNotContain("130681199001011234").contains("\"sub\"");
        assertThat(payload).doesNotContain("130681199001011234");
    }

    @Test
    void aHubChecksTheSignatureButCannotReadAPayloadEncryptedForAnotherNode() {
        Envelope envelope = NODES.shijingshan().seal(draft(MessageType.INFLOW_NOTICE, "110107", "130681"));

        Envelopes.Opened opened = NODES.hub().open(envelope);

        assertThat(opened.readable()).isFalse();
    }

    @Test
    void anAlteredHeaderIsRefusedAsABadSignature() {
        Envelope envelope = NODES.shijingshan().seal(draft(MessageType.INFLOW_NOTICE, "110107", "130681"));
        String header = new String(Codec.unb64(envelope.protectedHeader()), StandardCharsets.UTF_8);
        String altered = Codec.b64(header.replace("\"130681\"", "\"130682\"").getBytes(StandardCharsets.UTF_8));

        assertRefused(new Envelope(altered, envelope.payload(), envelope.signature()), "bad-signature");
    }

    @Test
    void anAlteredPayloadIsRefused() {
        Envelope envelope = NODES.shijingshan().seal(draft(MessageType.INFLOW_NOTICE, "110107", "130681"));
        byte[] payload = Codec.unb64(envelope.payload());
        payload[payload.length - 1] ^= 1;

        assertRefused(
                new Envelope(envelope.protectedHeader(), Codec.b64(payload), envelope.signature()), "bad-signature");
    }

    @Test
    void aForgedSignatureIsRefused() {
        Envelope envelope = NODES.shijingshan().seal(draft(MessageType.INFLOW_NOTICE, "110107", "130681"));
        Envelope forged = NODES.impostor().seal(draft(MessageType.INFLOW_NOTICE, "110107", "130681"));

        assertRefused(
                new Envelope(envelope.protectedHeader(), envelope.payload(), forged.signature()), "bad-signature");
        assertRefused(forged, "unknown-key");
    }

    @Test
    void aNodeSpeakingForACountyItDoesNotServeIsRefused() {
        Envelope envelope = NODES.shijingshan().seal(draft(MessageType.INFLOW_NOTICE, "110108", "130681"));

        assertRefused(envelope, "sender-not-serving-county");
    }

    @Test
    void anEnvelopeOlderThanTheMaximumAgeIsRefusedAsExpired() {
        Envelope envelope = NODES.shijingshan()
                .seal(draft(MessageType.INFLOW_NOTICE, "110107", "130681", NOW.minus(Duration.ofDays(9))));

        assertRefused(envelope, "expired");
    }

    @Test
    void anEnvelopeFromTheFarFutureIsRefused() {
        Envelope envelope = NODES.shijingshan()
                .seal(draft(MessageType.INFLOW_NOTICE, "110107", "130681", NOW.plus(Duration.ofHours(1))));

        assertRefused(envelope, "from-the-future");
    }

    @Test
    void aSmallClockDifferenceIsAccepted() {
        Envelope envelope = NODES.shijingshan()
                .seal(draft(MessageType.INFLOW_NOTICE, "110107", "130681", NOW.plus(Duration.ofMinutes(2))));

        assertThat(NODES.baoding().open(envelope).type()).isEqualTo(MessageType.INFLOW_NOTICE);
    }

    @Test
    void anUnknownTypeIsRefusedEvenWhenProperlySigned() {
        Envelope envelope = NODES.resigned(header -> header.replace("INFLOW_NOTICE", "GOSSIP"));

        assertRefused(envelope, "unknown-type");
    }

    @Test
    void anUnknownVersionIsRefused() {
        Envelope envelope = NODES.resigned(header -> header.replace("\"v\":1", "\"v\":2"));

        assertRefused(envelope, "unsupported-version");
    }

    @Test
    void anAlgorithmOffTheAllowListIsRefused() {
        Envelope envelope = NODES.resigned(header -> header.replace("\"EdDSA\"", "\"HS256\""));

        assertRefused(envelope, "unsupported-algorithm");
    }

    @Test
    void keyFilesAreCreatedOnceReadableByTheOwnerOnlyAndReadBack() throws Exception {
        Path dir = keysDir.resolve("node-x");
        NodeKeys first = NodeKeys.loadOrCreate(dir);
        NodeKeys second = NodeKeys.loadOrCreate(dir);

        assertThat(second.signingKeyText()).isEqualTo(first.signingKeyText());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("signing.key"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
                .isEqualTo("rwx------");
    }

    @Test
    void theSubjectPseudonymIsStableAndDependsOnTheKey() {
        byte[] key = new byte[32];
        byte[] other = new byte[32];
        other[0] = 1;

        assertThat(Algorithms.pseudonym(key, "130681199001011234"))
                .isEqualTo(Algorithms.pseudonym(key, "130681199001011234"))
                .isNotEqualTo(Algorithms.pseudonym(other, "130681199001011234"))
                .doesNotContain("1990");
    }

    private static void assertRefused(Envelope envelope, String reason) {
        assertThatThrownBy(() -> NODES.baoding().open(envelope))
                .isInstanceOfSatisfying(
                        ExchangeRefused.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    static Envelopes.Draft draft(MessageType type, String from, String to) {
        return draft(type, from, to, NOW);
    }

    static Envelopes.Draft draft(MessageType type, String from, String to, Instant created) {
        String payload = "{\"idNumber\":\"130681199001011234\",\"name\":\"王秀英\"}";
        return new Envelopes.Draft(
                UUID.randomUUID().toString(),
                type,
                from,
                to,
                created,
                LocalDate.of(2026, 3, 23),
                null,
                null,
                1,
                Algorithms.pseudonym(new byte[32], "130681199001011234"),
                payload.getBytes(StandardCharsets.UTF_8));
    }

    /** Three nodes and an impostor with keys of their own, sharing one directory, at a fixed clock. */
    static final class TestNodes {

        final NodeKeys shijingshanKeys = keys();
        final NodeKeys baodingKeys = keys();
        final NodeKeys hubKeys = keys();
        final NodeKeys impostorKeys = keys();

        private static NodeKeys keys() {
            try {
                return NodeKeys.loadOrCreate(Files.createTempDirectory("keys"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        Node node(String code, NodeKeys keys, List<String> counties, boolean hub) {
            return new Node(
                    code,
                    "http://localhost/" + code,
                    keys.signing().getPublic(),
                    keys.agreement().getPublic(),
                    counties,
                    hub);
        }

        Envelopes envelopes(String code, NodeKeys keys) {
            List<Node> all = List.of(
                    node("110107", shijingshanKeys, List.of("110107"), false),
                    node("130600", baodingKeys, List.of("130681", "411621"), false),
                    node("HUB", hubKeys, List.of(), true));
            Node self = all.stream()
                    .filter(n -> n.code().equals(code))
                    .findFirst()
                    .orElse(node(code, keys, List.of("110107"), false));
            List<Node> peers = all.stream().filter(n -> n != self).toList();
            return new Envelopes(new Directory(self, peers), keys, settings(), Clock.fixed(NOW, ZoneOffset.UTC));
        }

        Envelopes shijingshan() {
            return envelopes("110107", shijingshanKeys);
        }

        Envelopes baoding() {
            return envelopes("130600", baodingKeys);
        }

        Envelopes hub() {
            return envelopes("HUB", hubKeys);
        }

        /** A sealed inflow notice whose header text is changed and then signed again with the right key. */
        Envelope resigned(java.util.function.UnaryOperator<String> change) {
            Envelope envelope = shijingshan().seal(draft(MessageType.INFLOW_NOTICE, "110107", "130681"));
            String header = change.apply(new String(Codec.unb64(envelope.protectedHeader()), StandardCharsets.UTF_8));
            String protectedHeader = Codec.b64(header.getBytes(StandardCharsets.UTF_8));
            byte[] signature = Algorithms.sign(
                    Algorithms.EDDSA,
                    shijingshanKeys.signing().getPrivate(),
                    (protectedHeader + "." + envelope.payload()).getBytes(StandardCharsets.US_ASCII));
            return new Envelope(protectedHeader, envelope.payload(), Codec.b64(signature));
        }

        /** Claims to be 110107 but signs with a key nobody knows. */
        Envelopes impostor() {
            return new Envelopes(
                    new Directory(
                            node("110107", impostorKeys, List.of("110107"), false),
                            List.of(node("130600", baodingKeys, List.of("130681"), false))),
                    impostorKeys,
                    settings(),
                    Clock.fixed(NOW, ZoneOffset.UTC));
        }
    }

    static ExchangeSettings settings() {
        return new ExchangeSettings(
                "",
                Duration.ofDays(8),
                Duration.ofMinutes(5),
                Duration.ofSeconds(1),
                Duration.ofMinutes(15),
                Duration.ofDays(7),
                Duration.ofMillis(500),
                5,
                Duration.ofSeconds(30),
                Duration.ofSeconds(10),
                true,
                Duration.ofHours(1),
                15,
                15,
                30,
                4);
    }
}
