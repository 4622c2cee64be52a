package org.liudong.exchange;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes messages to send into the outbox, in the caller's transaction, so that a message exists exactly when
 * the change that causes it commits. Each gets its id, its per-person sequence number and its deadline here,
 * and the dispatcher seals it once, in a batch with others (one signature over a hash tree), before its first
 * sending; a message for a county no known node serves waits unsealed until one is known.
 */
@Component
class Outbox {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final JdbcClient jdbc;
    private final Directory directory;
    private final NodeKeys keys;
    private final Deadlines deadlines;
    private final DispatchSignal signal;
    private final Clock clock;

    Outbox(
            JdbcClient jdbc,
            Directory directory,
            NodeKeys keys,
            Deadlines deadlines,
            DispatchSignal signal,
            Clock clock) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.keys = keys;
        this.deadlines = deadlines;
        this.signal = signal;
        this.clock = clock;
    }

    /** A message to send; {@code subject} may be given instead of the ID number (answers keep the request's). */
    record Outgoing(
            MessageType type,
            String fromCounty,
            String toCounty,
            String idNumber,
            String subject,
            Map<String, Object> payload,
            UUID inReplyTo,
            String inReplyToHash,
            boolean urgent) {}

    UUID send(Outgoing message) {
        UUID id = UUID.randomUUID();
        Instant created = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        LocalDate due = deadlines.due(
                message.type(),
                message.fromCounty(),
                message.toCounty(),
                LocalDate.ofInstant(created, CHINA),
                message.urgent());
        String subject = message.subject() != null
                ? message.subject()
                : message.idNumber() == null ? null : Algorithms.pseudonym(keys.pseudonymKey(), message.idNumber());
        long seq = subject == null ? 0 : nextSequence(message.fromCounty(), message.toCounty(), subject);
        byte[] payload = Codec.JSON.writeValueAsBytes(message.payload());
        jdbc.sql("""
                        insert into exchange_outbox (message_id, type, from_county, to_county, subject, seq,
                            in_reply_to, in_reply_to_hash, next_hop, payload, created_at, due, next_attempt_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?)""")
                .params(
                        id,
                        message.type().name(),
                        message.fromCounty(),
                        message.toCounty(),
                        subject,
                        seq,
                        message.inReplyTo(),
                        message.inReplyToHash(),
                        directory.nextHop(message.toCounty()).map(Node::code).orElse(null),
                        new String(payload, java.nio.charset.StandardCharsets.UTF_8),
                        Timestamp.from(created),
                        due == null ? null : Date.valueOf(due),
                        Timestamp.from(created))
                .update();
        signal.wakeAfterCommit();
        return id;
    }

    /**
     * Queues a message signed elsewhere, unchanged: a hub forwarding a message or a final receipt. A message
     * already queued is not queued twice.
     */
    void forward(Envelope envelope, Header header, MessageType type) {
        jdbc.sql("""
                        insert into exchange_outbox (message_id, type, from_county, to_county, subject, seq,
                            in_reply_to, next_hop, envelope, forwarded, created_at, due)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, true, now(), ?)
                        on conflict (message_id) do nothing""")
                .params(
                        UUID.fromString(header.id()),
                        type.name(),
                        header.fromCounty(),
                        header.toCounty(),
                        header.sub(),
                        header.seq(),
                        header.inReplyTo() == null ? null : UUID.fromString(header.inReplyTo()),
                        directory.nextHop(header.toCounty()).map(Node::code).orElse(null),
                        new String(Codec.JSON.writeValueAsBytes(envelope)),
                        header.due() == null ? null : Date.valueOf(LocalDate.parse(header.due())))
                .update();
        signal.wakeAfterCommit();
    }

    /** Wakes the dispatcher once the current transaction commits. */
    void wakeAfterCommit() {
        signal.wakeAfterCommit();
    }

    private long nextSequence(String from, String to, String subject) {
        return jdbc.sql("""
                        insert into exchange_out_sequence (from_county, to_county, subject, last_seq)
                        values (?, ?, ?, 1)
                        on conflict (from_county, to_county, subject)
                        do update set last_seq = exchange_out_sequence.last_seq + 1
                        returning last_seq""").params(from, to, subject).query(Long.class).single();
    }
}
