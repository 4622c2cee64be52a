package org.liudong.exchange;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The directory as this node publishes it (a hub, for the nodes of the exchange): every node it knows with its
 * keys, counties and address, signed by this node, with an expiry, in the same envelope shape as messages; and
 * a published directory loaded by a node, checked against the hub key it was configured with.
 */
@Component
public class NodeDirectory {

    private static final Duration VALIDITY = Duration.ofDays(1);

    private final Directory directory;
    private final Envelopes envelopes;
    private final Clock clock;

    NodeDirectory(Directory directory, Envelopes envelopes, Clock clock) {
        this.directory = directory;
        this.envelopes = envelopes;
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
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("issuer", directory.self().code());
        payload.put("issuedAt", now.toString());
        payload.put("expiresAt", now.plus(VALIDITY).toString());
        payload.put("nodes", nodes);
        return envelopes.signControl(TYPE, payload);
    }

    static final String TYPE = "DIRECTORY";

    /**
     * Checks a published directory and takes its nodes: it must be signed by a hub this node already knows (from
     * its configuration), be current (issued no later than now, not expired), and list nodes with valid keys.
     * Answers the expiry; throws {@link ExchangeRefused} and changes nothing otherwise.
     */
    Instant load(Envelope published) {
        Envelopes.Control control = envelopes.openControl(published, TYPE);
        if (!control.sender().hub()) {
            throw new ExchangeRefused(
                    403, "not-a-hub", "Node " + control.sender().code() + " does not publish directories");
        }
        JsonNode payload = control.payload();
        Instant expires;
        Instant issued;
        try {
            expires = Instant.parse(payload.path("expiresAt").asString(""));
            issued = Instant.parse(payload.path("issuedAt").asString(""));
        } catch (java.time.format.DateTimeParseException e) {
            throw ExchangeRefused.malformed("A directory needs issuedAt and expiresAt");
        }
        Instant now = clock.instant();
        if (!expires.isAfter(now)) {
            throw new ExchangeRefused(400, "expired", "The directory expired at " + expires);
        }
        if (issued.isAfter(now.plus(Duration.ofMinutes(5)))) {
            throw new ExchangeRefused(400, "from-the-future", "The directory is issued at " + issued);
        }
        List<Node> nodes = new ArrayList<>();
        for (JsonNode entry : payload.path("nodes")) {
            List<String> counties = new ArrayList<>();
            entry.path("counties").forEach(c -> counties.add(c.asString()));
            String agreement = entry.path("agreementKey").asString(null);
            try {
                nodes.add(new Node(
                        entry.path("code").asString(),
                        entry.path("url").asString(""),
                        Codec.publicKey(
                                NodeKeys.SIGNING, entry.path("signingKey").asString("")),
                        agreement == null || agreement.isBlank()
                                ? null
                                : Codec.publicKey(NodeKeys.AGREEMENT, agreement),
                        counties,
                        entry.path("hub").asBoolean(false)));
            } catch (IllegalArgumentException e) {
                throw ExchangeRefused.malformed(
                        "A directory entry has a bad key: " + entry.path("code").asString(""));
            }
        }
        directory.learn(nodes);
        return expires;
    }

    /** Forgets the published nodes (the last directory expired and no newer one could be loaded). */
    void forget() {
        directory.learn(null);
    }
}
