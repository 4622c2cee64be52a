package org.liudong.exchange;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * The restore handshake. A node restored from a backup calls {@link #resync()}: it tells each peer it reaches
 * directly, in a signed request, the last message it holds from each sender, and for two days accepts messages
 * up to {@link Envelopes#RESEND_AGE} old. Each peer then sends again, unchanged, what it had sent to this node
 * after those messages (from the last 35 days; senders keep what they sent at least that long): a message the
 * node still holds gets its stored receipt back, a lost one is applied again in order.
 */
@Service
public class ExchangeResync {

    private static final Logger log = LoggerFactory.getLogger(ExchangeResync.class);

    static final String TYPE = "RESYNC";
    static final Duration KEPT = Duration.ofDays(35);
    private static final Duration ACCEPT_OLDER_FOR = Duration.ofDays(2);

    private final JdbcClient jdbc;
    private final Directory directory;
    private final Envelopes envelopes;
    private final DispatchSignal signal;
    private final ExchangeSettings settings;
    private final Clock clock;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    ExchangeResync(
            JdbcClient jdbc,
            Directory directory,
            Envelopes envelopes,
            DispatchSignal signal,
            ExchangeSettings settings,
            Clock clock) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.envelopes = envelopes;
        this.signal = signal;
        this.settings = settings;
        this.clock = clock;
    }

    /** What one peer answered: how many messages it queued to send again, or why it could not be asked. */
    public record PeerAnswer(String node, int resent, String error) {}

    /** Asks every directly reachable peer to send again what this node lost; answers each peer's answer. */
    public List<PeerAnswer> resync() {
        envelopes.acceptOlderUntil(clock.instant().plus(ACCEPT_OLDER_FOR));
        Map<String, String> last = new LinkedHashMap<>();
        jdbc.sql("""
                        select distinct on (sender_node) sender_node, message_id::text
                        from exchange_inbox order by sender_node, id desc""").query(rs -> {
            last.put(rs.getString(1), rs.getString(2));
        });
        String body = new String(
                Codec.JSON.writeValueAsBytes(envelopes.signControl(TYPE, Map.of("last", last))),
                java.nio.charset.StandardCharsets.UTF_8);
        List<PeerAnswer> answers = new ArrayList<>();
        for (Node peer : directory.all()) {
            if (peer == directory.self() || !peer.reachable()) {
                continue;
            }
            try {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(URI.create(peer.url() + "/api/exchange/v1/resync"))
                                .timeout(settings.requestTimeout())
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    answers.add(
                            new PeerAnswer(peer.code(), 0, "HTTP " + response.statusCode() + " " + response.body()));
                } else {
                    answers.add(new PeerAnswer(
                            peer.code(),
                            Codec.JSON.readTree(response.body()).path("resent").asInt(),
                            null));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                answers.add(new PeerAnswer(peer.code(), 0, "interrupted"));
            } catch (Exception e) {
                answers.add(new PeerAnswer(peer.code(), 0, e.toString()));
            }
        }
        log.warn("Exchange resync after a restore, last held per sender {}: {}", last, answers);
        return answers;
    }

    /**
     * A peer's resync request: checks it (signed by a known node, made within the last hour), then queues again
     * every message of the last 35 days this node sent directly to that peer after the last one the peer holds
     * from the same sender. Answers how many.
     */
    @Transactional
    public int requested(Envelope request) {
        Envelopes.Control control = envelopes.openControl(request, TYPE);
        if (control.created().isBefore(clock.instant().minus(Duration.ofHours(1)))) {
            throw new ExchangeRefused(400, "expired", "A resync request is answered within an hour");
        }
        Node peer = control.sender();
        Map<String, UUID> last = new HashMap<>();
        JsonNode held = control.payload().path("last");
        for (Map.Entry<String, JsonNode> entry : held.properties()) {
            try {
                last.put(entry.getKey(), UUID.fromString(entry.getValue().asString("")));
            } catch (IllegalArgumentException e) {
                throw ExchangeRefused.malformed("Not a message id: " + entry.getValue());
            }
        }
        record Sent(long id, UUID messageId, String sender) {}
        List<Sent> sent = jdbc.sql("""
                        select id, message_id, envelope from exchange_outbox
                        where next_hop = ? and envelope is not null and status not in ('PENDING', 'DEAD')
                          and created_at > ? order by id""")
                .params(peer.code(), Timestamp.from(clock.instant().minus(KEPT)))
                .query((rs, n) -> new Sent(
                        rs.getLong("id"), rs.getObject("message_id", UUID.class), signer(rs.getString("envelope"))))
                .list();
        Map<String, Long> cutoff = new HashMap<>();
        for (Sent row : sent) {
            if (row.messageId().equals(last.get(row.sender()))) {
                cutoff.put(row.sender(), row.id());
            }
        }
        Long[] again = sent.stream()
                .filter(row -> row.id() > cutoff.getOrDefault(row.sender(), Long.MIN_VALUE))
                .map(Sent::id)
                .toArray(Long[]::new);
        if (again.length > 0) {
            jdbc.sql("""
                            update exchange_outbox set resend_at = now(), next_attempt_at = now()
                            where id = any(?)""").param(again).update();
            signal.wakeAfterCommit();
        }
        log.warn("Node {} was restored; {} messages queued to send to it again", peer.code(), again.length);
        return again.length;
    }

    /** The node that signed a stored envelope (the original sender, for a forwarded one). */
    private static String signer(String envelope) {
        Envelope parsed = Codec.JSON.readValue(envelope, Envelope.class);
        return Codec.JSON
                .readTree(Codec.unb64(parsed.protectedHeader()))
                .path("from")
                .asString("");
    }
}
