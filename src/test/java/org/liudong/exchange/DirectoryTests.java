package org.liudong.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A hub publishes the node directory signed with an expiry; a node takes it only when it checks out. */
class DirectoryTests {

    static final EnvelopesTests.TestNodes NODES = new EnvelopesTests.TestNodes();
    static final Instant NOW = EnvelopesTests.NOW;

    final Node wuhan = NODES.node("420100", NODES.impostorKeys, List.of("420102"), false);

    /** The hub knows Shijingshan, Baoding and a Wuhan node; publishes at {@code at}. */
    Envelope publishedByHub(Instant at) {
        Node hub = NODES.node("HUB", NODES.hubKeys, List.of(), true);
        Directory directory = new Directory(
                hub,
                List.of(
                        NODES.node("110107", NODES.shijingshanKeys, List.of("110107"), false),
                        NODES.node("130600", NODES.baodingKeys, List.of("130681", "411621"), false),
                        wuhan));
        Clock clock = Clock.fixed(at, ZoneOffset.UTC);
        Envelopes envelopes = new Envelopes(directory, NODES.hubKeys, EnvelopesTests.settings(), clock);
        return new NodeDirectory(directory, envelopes, clock).signed();
    }

    /** Shijingshan, configured with the hub only. */
    final Directory shijingshan = new Directory(
            NODES.node("110107", NODES.shijingshanKeys, List.of("110107"), false),
            List.of(NODES.node("HUB", NODES.hubKeys, List.of(), true)));

    NodeDirectory shijingshanLoader() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        return new NodeDirectory(
                shijingshan,
                new Envelopes(shijingshan, NODES.shijingshanKeys, EnvelopesTests.settings(), clock),
                clock);
    }

    @Test
    void aNodeLearnsTheNodesOfACurrentDirectorySignedByItsHub() {
        Instant expires = shijingshanLoader().load(publishedByHub(NOW.minus(Duration.ofHours(1))));

        assertThat(expires).isEqualTo(NOW.plus(Duration.ofHours(23)));
        assertThat(shijingshan.byCode("420100")).isPresent();
        assertThat(shijingshan.serving("130681").map(Node::code)).contains("130600");
        assertThat(shijingshan.self().code()).isEqualTo("110107");
    }

    @Test
    void anExpiredDirectoryIsRefusedAndChangesNothing() {
        Envelope old = publishedByHub(NOW.minus(Duration.ofDays(2)));

        assertThatThrownBy(() -> shijingshanLoader().load(old))
                .isInstanceOfSatisfying(
                        ExchangeRefused.class, e -> assertThat(e.reason()).isEqualTo("expired"));
        assertThat(shijingshan.byCode("420100")).isEmpty();
    }

    @Test
    void anAlteredDirectoryIsRefusedAsABadSignature() {
        Envelope published = publishedByHub(NOW);
        String payload = new String(Codec.unb64(published.payload()), java.nio.charset.StandardCharsets.UTF_8)
                .replace("420102", "130681");
        Envelope altered = new Envelope(
                published.protectedHeader(),
                Codec.b64(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                published.signature());

        assertThatThrownBy(() -> shijingshanLoader().load(altered))
                .isInstanceOfSatisfying(
                        ExchangeRefused.class, e -> assertThat(e.reason()).isEqualTo("bad-signature"));
        assertThat(shijingshan.byCode("420100")).isEmpty();
    }

    @Test
    void aDirectorySignedByAKeyTheNodeWasNotConfiguredWithIsRefused() {
        Directory elsewhere = new Directory(NODES.node("HUB", NODES.impostorKeys, List.of(), true), List.of(wuhan));
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        Envelope forged = new NodeDirectory(
                        elsewhere,
                        new Envelopes(elsewhere, NODES.impostorKeys, EnvelopesTests.settings(), clock),
                        clock)
                .signed();

        assertThatThrownBy(() -> shijingshanLoader().load(forged))
                .isInstanceOfSatisfying(
                        ExchangeRefused.class, e -> assertThat(e.reason()).isIn("unknown-key", "bad-signature"));
        assertThat(shijingshan.byCode("420100")).isEmpty();
    }

    @Test
    void aDirectoryFromANodeThatIsNotAHubIsRefused() {
        Directory baoding =
                new Directory(NODES.node("130600", NODES.baodingKeys, List.of("130681"), false), List.of(wuhan));
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        Envelope fromBaoding = new NodeDirectory(
                        baoding, new Envelopes(baoding, NODES.baodingKeys, EnvelopesTests.settings(), clock), clock)
                .signed();
        Directory knowsBaoding = new Directory(
                NODES.node("110107", NODES.shijingshanKeys, List.of("110107"), false),
                List.of(NODES.node("130600", NODES.baodingKeys, List.of("130681"), false)));
        NodeDirectory loader = new NodeDirectory(
                knowsBaoding,
                new Envelopes(knowsBaoding, NODES.shijingshanKeys, EnvelopesTests.settings(), clock),
                clock);

        assertThatThrownBy(() -> loader.load(fromBaoding))
                .isInstanceOfSatisfying(
                        ExchangeRefused.class, e -> assertThat(e.reason()).isEqualTo("not-a-hub"));
        assertThat(knowsBaoding.byCode("420100")).isEmpty();
    }
}
