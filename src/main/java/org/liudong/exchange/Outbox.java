package org.liudong.exchange;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
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
        return sendAll(List.of(message)).get(0);
    }

    /**
     * Writes many messages with one statement, whatever their number: it takes the per-person sequence numbers
     * of all of them (persons in a fixed order, so that concurrent writers do not deadlock) and inserts the rows.
     * Messages of one person get consecutive numbers in list order. Answers the message ids in list order.
     */
    List<UUID> sendAll(List<Outgoing> messages) {
        if (messages.isEmpty()) {
            return List.of();
        }
        int n = messages.size();
        Instant created = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        LocalDate sent = LocalDate.ofInstant(created, CHINA);
        Map<List<Object>, Optional<LocalDate>> dues = new HashMap<>();
        TreeMap<List<String>, Long> perPerson = new TreeMap<>(Outbox::compareKeys);
        List<UUID> uuids = new ArrayList<>(n);
        String[] ids = new String[n];
        String[] types = new String[n];
        String[] froms = new String[n];
        String[] tos = new String[n];
        String[] subjects = new String[n];
        List<List<String>> persons = new ArrayList<>(n);
        String[] replies = new String[n];
        String[] replyHashes = new String[n];
        String[] hops = new String[n];
        String[] payloads = new String[n];
        String[] dueDates = new String[n];
        for (int i = 0; i < n; i++) {
            Outgoing message = messages.get(i);
            UUID id = UUID.randomUUID();
            uuids.add(id);
            ids[i] = id.toString();
            types[i] = message.type().name();
            froms[i] = message.fromCounty();
            tos[i] = message.toCounty();
            subjects[i] = message.subject() != null
                    ? message.subject()
                    : message.idNumber() == null ? null : Algorithms.pseudonym(keys.pseudonymKey(), message.idNumber());
            List<String> person =
                    subjects[i] == null ? null : List.of(message.fromCounty(), message.toCounty(), subjects[i]);
            persons.add(person);
            if (person != null) {
                perPerson.merge(person, 1L, Long::sum);
            }
            replies[i] =
                    message.inReplyTo() == null ? null : message.inReplyTo().toString();
            replyHashes[i] = message.inReplyToHash();
            hops[i] = directory.nextHop(message.toCounty()).map(Node::code).orElse(null);
            payloads[i] = new String(Codec.JSON.writeValueAsBytes(message.payload()), StandardCharsets.UTF_8);
            // the deadline rules may ask the database: once per kind of message in the list
            LocalDate due = dues.computeIfAbsent(
                            List.of(message.type(), message.fromCounty(), message.toCounty(), message.urgent()),
                            k -> Optional.ofNullable(deadlines.due(
                                    message.type(), message.fromCounty(), message.toCounty(), sent, message.urgent())))
                    .orElse(null);
            dueDates[i] = due == null ? null : due.toString();
        }
        // a message's number is its person's new last number less the number of its person's later messages
        Long[] later = new Long[n];
        Map<List<String>, Long> seen = new HashMap<>();
        for (int i = n - 1; i >= 0; i--) {
            if (persons.get(i) != null) {
                later[i] = seen.merge(persons.get(i), 1L, Long::sum) - 1;
            }
        }
        List<List<String>> keys = new ArrayList<>(perPerson.keySet());
        jdbc.sql("""
                        with taken as (
                            insert into exchange_out_sequence (from_county, to_county, subject, last_seq)
                            select p.from_county, p.to_county, p.subject, p.count
                            from unnest(cast(? as text[]), cast(? as text[]), cast(? as text[]), cast(? as bigint[]))
                                 with ordinality as p(from_county, to_county, subject, count, ord)
                            order by p.ord
                            on conflict (from_county, to_county, subject)
                            do update set last_seq = exchange_out_sequence.last_seq + excluded.last_seq
                            returning from_county, to_county, subject, last_seq)
                        insert into exchange_outbox (message_id, type, from_county, to_county, subject, seq,
                            in_reply_to, in_reply_to_hash, next_hop, payload, created_at, due, next_attempt_at)
                        select cast(v.id as uuid), v.type, v.from_county, v.to_county, v.subject,
                               coalesce(t.last_seq - v.later, 0), cast(v.reply as uuid), v.reply_hash, v.hop,
                               cast(v.payload as jsonb), ?, cast(v.due as date), ?
                        from unnest(cast(? as text[]), cast(? as text[]), cast(? as text[]), cast(? as text[]),
                                    cast(? as text[]), cast(? as bigint[]), cast(? as text[]), cast(? as text[]),
                                    cast(? as text[]), cast(? as text[]), cast(? as text[]))
                             with ordinality as v(id, type, from_county, to_county, subject, later, reply,
                                                  reply_hash, hop, payload, due, ord)
                        left join taken t on t.from_county = v.from_county and t.to_county = v.to_county
                                         and t.subject = v.subject
                        order by v.ord""")
                .params(
                        keys.stream().map(k -> k.get(0)).toArray(String[]::new),
                        keys.stream().map(k -> k.get(1)).toArray(String[]::new),
                        keys.stream().map(k -> k.get(2)).toArray(String[]::new),
                        keys.stream().map(perPerson::get).toArray(Long[]::new),
                        Timestamp.from(created),
                        Timestamp.from(created),
                        ids,
                        types,
                        froms,
                        tos,
                        subjects,
                        later,
                        replies,
                        replyHashes,
                        hops,
                        payloads,
                        dueDates)
                .update();
        signal.wakeAfterCommit();
        return uuids;
    }

    private static int compareKeys(List<String> a, List<String> b) {
        for (int i = 0; i < a.size(); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /**
     * Queues many messages signed elsewhere, unchanged, with one statement, in list order; one already queued
     * is not queued twice.
     */
    void forwardAll(List<Envelopes.Opened> messages) {
        if (messages.isEmpty()) {
            return;
        }
        int n = messages.size();
        String[] ids = new String[n];
        String[] types = new String[n];
        String[] froms = new String[n];
        String[] tos = new String[n];
        String[] subjects = new String[n];
        Long[] seqs = new Long[n];
        String[] replies = new String[n];
        String[] hops = new String[n];
        String[] envelopes = new String[n];
        String[] dues = new String[n];
        for (int i = 0; i < n; i++) {
            Envelopes.Opened message = messages.get(i);
            Header header = message.header();
            ids[i] = UUID.fromString(header.id()).toString();
            types[i] = message.type().name();
            froms[i] = header.fromCounty();
            tos[i] = header.toCounty();
            subjects[i] = header.sub();
            seqs[i] = header.seq();
            replies[i] = header.inReplyTo() == null
                    ? null
                    : UUID.fromString(header.inReplyTo()).toString();
            hops[i] = directory.nextHop(header.toCounty()).map(Node::code).orElse(null);
            envelopes[i] = new String(Codec.JSON.writeValueAsBytes(message.envelope()), StandardCharsets.UTF_8);
            dues[i] =
                    header.due() == null ? null : LocalDate.parse(header.due()).toString();
        }
        jdbc.sql("""
                        insert into exchange_outbox (message_id, type, from_county, to_county, subject, seq,
                            in_reply_to, next_hop, envelope, forwarded, created_at, due)
                        select cast(v.id as uuid), v.type, v.from_county, v.to_county, v.subject, v.seq,
                               cast(v.reply as uuid), v.hop, v.envelope, true, now(), cast(v.due as date)
                        from unnest(cast(? as text[]), cast(? as text[]), cast(? as text[]), cast(? as text[]),
                                    cast(? as text[]), cast(? as bigint[]), cast(? as text[]), cast(? as text[]),
                                    cast(? as text[]), cast(? as text[]))
                             with ordinality as v(id, type, from_county, to_county, subject, seq, reply, hop,
                                                  envelope, due, ord)
                        order by v.ord
                        on conflict (message_id) do nothing""")
                .params(ids, types, froms, tos, subjects, seqs, replies, hops, envelopes, dues)
                .update();
        signal.wakeAfterCommit();
    }

    /** Wakes the dispatcher once the current transaction commits. */
    void wakeAfterCommit() {
        signal.wakeAfterCommit();
    }
}
