package org.liudong.exchange;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The directory as this node publishes it: every node it knows with its keys, counties and address, signed by
 * this node, with an expiry, in the same envelope shape as messages.
 */
@Component
public class NodeDirectory {

    private static final Duration VALIDITY = Duration.ofDays(1);

    private final Directory directory;
    private final NodeKeys keys;
    private final Clock clock;

    NodeDirectory(Directory directory, NodeKeys keys, Clock clock) {
        this.directory = directory;
        this.keys = keys;
        this.clock = clock;
    }

    /** A published node. */
    public record Entry(
            String code,
            String url,
            String signingKey,
            String agreementKey,
            List<String> counties,
            boolean hub,
            String keyId) {}

    /** The signed directory: protected header, payload {@code {issuer, issuedAt, expiresAt, nodes}}, signature. */
    public Envelope signed() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        List<Entry> nodes = directory.all().stream()
                .map(n -> new Entry(
                        n.code(),
                        n.url(),
                        Codec.b64(n.signingKey().getEncoded()),
                        n.agreementKey() == null
                                ? null
                                : Codec.b64(n.agreementKey().getEncoded()),
                        n.counties(),
                        n.hub(),
                        n.keyId()))
                .toList();
        Map<String, Object> payload = Map.of(
                "issuer", directory.self().code(),
                "issuedAt", now.toString(),
                "expiresAt", now.plus(VALIDITY).toString(),
                "nodes", nodes);
        String payloadText = Codec.b64(Codec.JSON.writeValueAsBytes(payload));
        Map<String, Object> header = Map.of(
                "v",
                Header.VERSION,
                "alg",
                Algorithms.EDDSA,
                "kid",
                directory.self().keyId(),
                "typ",
                "DIRECTORY",
                "id",
                UUID.randomUUID().toString(),
                "created",
                now.toString());
        String protectedHeader = Codec.b64(Codec.JSON.writeValueAsBytes(header));
        byte[] signature = Algorithms.sign(
                Algorithms.EDDSA,
                keys.signing().getPrivate(),
                (protectedHeader + "." + payloadText).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return new Envelope(protectedHeader, payloadText, Codec.b64(signature));
    }
}
