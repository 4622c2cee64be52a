package org.liudong.exchange;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Receives envelopes. Checks them, then in one transaction stores {@code (sender, message id)}, applies the
 * effect in per-person order and stores the signed receipt, which is answered only after that commit. A
 * resend gets the stored receipt and is not applied again. A hub stores and forwards what is not for it.
 */
@Component
public class Reception {

    static final String DELIVERED = "delivered";
    static final String ACCEPTED_BY_HUB = "accepted-by-hub";

    private final Envelopes envelopes;
    private final Directory directory;
    private final NodeKeys keys;
    private final Outbox outbox;
    private final Refusals refusals;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;

    Reception(
            Envelopes envelopes,
            Directory directory,
            NodeKeys keys,
            Outbox outbox,
            Refusals refusals,
            JdbcClient jdbc,
            TransactionTemplate transactions,
            ApplicationEventPublisher events) {
        this.envelopes = envelopes;
        this.directory = directory;
        this.keys = keys;
        this.outbox = outbox;
        this.refusals = refusals;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.events = events;
    }

    /** The most envelopes one request may carry. */
    public static final int MAX_BATCH = 500;

    /** Receives a JSON array of envelopes; a body that is not one is refused as a whole. */
    public List<Outcome> receiveBatch(String body) {
        Envelope[] batch;
        try {
            batch = Codec.JSON.readValue(body, Envelope[].class);
        } catch (tools.jackson.core.JacksonException e) {
            batch = null;
        }
        if (batch == null || batch.length == 0 || batch.length > MAX_BATCH) {
            ExchangeRefused refusal =
                    ExchangeRefused.malformed("A batch is a JSON array of 1 to " + MAX_BATCH + " envelopes");
            refusals.record(refusal, null);
            throw refusal;
        }
        return receiveAll(java.util.Arrays.asList(batch));
    }

    /** Receives an envelope as JSON text; answers the signed receipt or throws {@link ExchangeRefused}. */
    public Envelope receive(String body) {
        Envelope envelope;
        try {
            envelope = envelopes.parse(body);
        } catch (ExchangeRefused refusal) {
            refusals.record(refusal, null);
            throw refusal;
        }
        Outcome outcome = receiveAll(List.of(envelope)).get(0);
        if (outcome.refused() != null) {
            throw outcome.refused();
        }
        return outcome.receipt();
    }

    /** What became of one envelope of a batch: its signed receipt, or why it was refused. */
    public record Outcome(Envelope receipt, ExchangeRefused refused) {}

    /**
     * Receives a batch of envelopes (in the order their sender wrote them): checks each, signs all receipts
     * with one batch signature, then stores and applies all in one transaction; a refused envelope is refused
     * alone, the others still go in. The receipts are answered only after that commit; a failure of the
     * transaction fails the whole batch, which the sender sends again.
     */
    public List<Outcome> receiveAll(List<Envelope> batch) {
        Outcome[] outcomes = new Outcome[batch.size()];
        List<Checked> checked = new ArrayList<>();
        List<Envelopes.Draft> receipts = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            try {
                Envelope envelope = batch.get(i);
                if (envelope == null
                        || envelope.protectedHeader() == null
                        || envelope.payload() == null
                        || envelope.signature() == null) {
                    throw ExchangeRefused.malformed("An envelope needs protected, payload and signature");
                }
                Checked item = check(i, envelopes.open(envelope));
                checked.add(item);
                receipts.add(item.receiptDraft());
            } catch (ExchangeRefused refusal) {
                outcomes[i] = new Outcome(null, refusal);
            }
        }
        List<Envelope> signed = receipts.isEmpty() ? List.of() : envelopes.sealAll(receipts);
        if (!checked.isEmpty()) {
            transactions.executeWithoutResult(status -> storeAll(checked, signed, outcomes));
        }
        for (int i = 0; i < outcomes.length; i++) {
            if (outcomes[i].refused() != null) {
                refusals.record(outcomes[i].refused(), batch.get(i));
            }
        }
        return List.of(outcomes);
    }

    /** An opened envelope whose payload is checked, with the receipt it gets if stored. */
    private record Checked(
            int index, Envelopes.Opened opened, JsonNode payload, boolean forward, Envelopes.Draft receiptDraft) {}

    /** The checks that need no database: where it goes, whether it can be read, what its payload holds. */
    private Checked check(int index, Envelopes.Opened opened) {
        Header header = opened.header();
        uuid(header.id());
        uuid(header.inReplyTo());
        if (!directory.servesLocally(header.toCounty())) {
            if (!directory.self().hub()) {
                throw new ExchangeRefused(
                        400, "not-served-here", "This node does not serve county " + header.toCounty());
            }
            if (directory.serving(header.toCounty()).isEmpty()) {
                throw new ExchangeRefused(400, "unknown-county", "No known node serves county " + header.toCounty());
            }
            return new Checked(
                    index,
                    opened,
                    null,
                    true,
                    receiptDraft(opened, directory.self().code(), ACCEPTED_BY_HUB));
        }
        if (!opened.readable()) {
            throw new ExchangeRefused(400, "undecryptable", "The payload is encrypted for another node");
        }
        JsonNode payload = PayloadRules.check(opened.type(), opened.payload(), header, keys.pseudonymKey());
        return new Checked(index, opened, payload, false, receiptDraft(opened, header.toCounty(), DELIVERED));
    }

    /** A checked envelope that is stored: its inbox row id, or null when an earlier delivery stored it. */
    private record Stored(Checked item, Envelope receipt, Long id) {}

    /**
     * Stores, forwards and applies a checked batch in the caller's transaction with a handful of set-based
     * statements, whatever its size: answers and receipts are checked against our outbox at once, the inbox rows
     * go in with one insert (a row already there, from an earlier delivery or earlier in this batch, is not
     * stored again and gets its stored receipt), forwarded ones are queued with one insert, and the rest are
     * applied in per-person order (see {@link #applyInOrder}).
     */
    private void storeAll(List<Checked> checked, List<Envelope> signed, Outcome[] outcomes) {
        Map<UUID, String> requests = requestHashes(checked);
        List<Checked> accepted = new ArrayList<>(checked.size());
        List<Envelope> acceptedReceipts = new ArrayList<>(checked.size());
        for (int k = 0; k < checked.size(); k++) {
            Checked item = checked.get(k);
            if (!item.forward() && quotesARequest(item.opened().type())) {
                Header header = item.opened().header();
                String hash = requests.get(uuid(header.inReplyTo()));
                if (hash == null) {
                    outcomes[item.index()] = new Outcome(
                            null, new ExchangeRefused(422, "unknown-request", "No message " + header.inReplyTo()));
                    continue;
                }
                if (!hash.equals(header.inReplyToHash())) {
                    outcomes[item.index()] = new Outcome(
                            null, new ExchangeRefused(422, "unknown-request", "The reply quotes a different request"));
                    continue;
                }
            }
            accepted.add(item);
            acceptedReceipts.add(signed.get(k));
        }
        if (accepted.isEmpty()) {
            return;
        }
        List<Stored> stored = insertAll(accepted, acceptedReceipts);
        Map<String, Envelope> earlier = storedReceipts(stored);
        List<Envelopes.Opened> toForward = new ArrayList<>();
        List<Stored> toApply = new ArrayList<>();
        for (Stored row : stored) {
            Header header = row.item().opened().header();
            if (row.id() == null) {
                outcomes[row.item().index()] = new Outcome(earlier.get(key(header.from(), header.id())), null);
                continue;
            }
            outcomes[row.item().index()] = new Outcome(row.receipt(), null);
            if (row.item().forward()) {
                toForward.add(row.item().opened());
            } else {
                toApply.add(row);
            }
        }
        outbox.forwardAll(toForward);
        applyInOrder(toApply);
    }

    /** Answers, receipts and disputes must quote one of our messages by id and by the hash of its envelope. */
    private static boolean quotesARequest(MessageType type) {
        return type.isAnswer() || type == MessageType.RECEIPT || type == MessageType.DISPUTE;
    }

    /** The envelope hashes of the messages of ours that the batch's answers and receipts quote, by message id. */
    private Map<UUID, String> requestHashes(List<Checked> checked) {
        java.util.Set<String> quoted = new java.util.LinkedHashSet<>();
        for (Checked item : checked) {
            if (!item.forward() && quotesARequest(item.opened().type())) {
                UUID request = uuid(item.opened().header().inReplyTo());
                if (request != null) {
                    quoted.add(request.toString());
                }
            }
        }
        Map<UUID, String> hashes = new java.util.HashMap<>();
        if (quoted.isEmpty()) {
            return hashes;
        }
        jdbc.sql("""
                        select message_id, envelope from exchange_outbox
                        where message_id = any(cast(? as uuid[])) and not forwarded and envelope is not null""").param(quoted.toArray(String[]::new)).query(rs -> {
            hashes.put(
                    rs.getObject(1, UUID.class),
                    Codec.JSON.readValue(rs.getString(2), Envelope.class).hash());
        });
        return hashes;
    }

    /**
     * Inserts the inbox rows of the batch with one statement, in batch order; {@code (sender, message id)} is
     * unique, so a message stored before, or twice in this batch, is stored once and its later copies get a
     * null id.
     */
    private List<Stored> insertAll(List<Checked> items, List<Envelope> receipts) {
        int n = items.size();
        String[] senders = new String[n];
        String[] ids = new String[n];
        String[] types = new String[n];
        String[] froms = new String[n];
        String[] tos = new String[n];
        String[] subjects = new String[n];
        Long[] seqs = new Long[n];
        String[] replies = new String[n];
        String[] envelopeTexts = new String[n];
        String[] payloads = new String[n];
        String[] statuses = new String[n];
        String[] dues = new String[n];
        String[] receiptTexts = new String[n];
        for (int i = 0; i < n; i++) {
            Checked item = items.get(i);
            Header header = item.opened().header();
            senders[i] = header.from();
            ids[i] = uuid(header.id()).toString();
            types[i] = item.opened().type().name();
            froms[i] = header.fromCounty();
            tos[i] = header.toCounty();
            subjects[i] = header.sub();
            seqs[i] = header.seq();
            UUID reply = uuid(header.inReplyTo());
            replies[i] = reply == null ? null : reply.toString();
            envelopeTexts[i] = json(item.opened().envelope());
            payloads[i] = item.payload() == null ? null : item.payload().toString();
            statuses[i] = item.forward() ? "FORWARDED" : "WAITING";
            dues[i] =
                    header.due() == null ? null : LocalDate.parse(header.due()).toString();
            receiptTexts[i] = json(receipts.get(i));
        }
        Map<String, Long> inserted = new java.util.HashMap<>();
        jdbc.sql("""
                        insert into exchange_inbox (sender_node, message_id, type, from_county, to_county, subject,
                            seq, in_reply_to, envelope, payload, status, due, receipt)
                        select v.sender, cast(v.id as uuid), v.type, v.from_county, v.to_county, v.subject, v.seq,
                               cast(v.reply as uuid), v.envelope, cast(v.payload as jsonb), v.status,
                               cast(v.due as date), v.receipt
                        from unnest(cast(? as text[]), cast(? as text[]), cast(? as text[]), cast(? as text[]),
                                    cast(? as text[]), cast(? as text[]), cast(? as bigint[]), cast(? as text[]),
                                    cast(? as text[]), cast(? as text[]), cast(? as text[]), cast(? as text[]),
                                    cast(? as text[]))
                             with ordinality as v(sender, id, type, from_county, to_county, subject, seq, reply,
                                                  envelope, payload, status, due, receipt, ord)
                        order by v.ord
                        on conflict (sender_node, message_id) do nothing
                        returning id, sender_node, message_id::text""")
                .params(
                        senders,
                        ids,
                        types,
                        froms,
                        tos,
                        subjects,
                        seqs,
                        replies,
                        envelopeTexts,
                        payloads,
                        statuses,
                        dues,
                        receiptTexts)
                .query(rs -> {
                    inserted.put(key(rs.getString(2), rs.getString(3)), rs.getLong(1));
                });
        List<Stored> stored = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            // the first copy of a message in the batch is the one stored; later copies are resends
            Long id = inserted.remove(key(senders[i], ids[i]));
            stored.add(new Stored(items.get(i), receipts.get(i), id));
        }
        return stored;
    }

    /** The stored receipts of the messages of the batch that had been stored before. */
    private Map<String, Envelope> storedReceipts(List<Stored> stored) {
        List<String> senders = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (Stored row : stored) {
            if (row.id() == null) {
                senders.add(row.item().opened().header().from());
                ids.add(uuid(row.item().opened().header().id()).toString());
            }
        }
        Map<String, Envelope> receipts = new java.util.HashMap<>();
        if (ids.isEmpty()) {
            return receipts;
        }
        jdbc.sql("""
                        select i.sender_node, i.message_id::text, i.receipt
                        from exchange_inbox i
                        join unnest(cast(? as text[]), cast(? as uuid[])) as k(sender, id)
                          on i.sender_node = k.sender and i.message_id = k.id""")
                .params(senders.toArray(String[]::new), ids.toArray(String[]::new))
                .query(rs -> {
                    receipts.put(
                            key(rs.getString(1), rs.getString(2)),
                            Codec.JSON.readValue(rs.getString(3), Envelope.class));
                });
        return receipts;
    }

    private static String key(String sender, String messageId) {
        return sender + "|" + UUID.fromString(messageId);
    }

    /** One person's messages from one county to another: the unit of ordering. */
    private record Person(String fromCounty, String toCounty, String subject) implements Comparable<Person> {

        @Override
        public int compareTo(Person other) {
            int c = fromCounty.compareTo(other.fromCounty);
            if (c == 0) {
                c = toCounty.compareTo(other.toCounty);
            }
            return c == 0 ? subject.compareTo(other.subject) : c;
        }
    }

    /**
     * Applies the newly stored messages of a batch in per-person order, as if they had arrived one by one in
     * batch order: a message next in its person's sequence (or older) is applied, then any waiting successors;
     * a message after a gap stays WAITING until the gap is filled. The persons' last applied sequence numbers
     * are read and locked with one statement (in a fixed order, so that concurrent batches do not deadlock),
     * their waiting messages read with one, the order worked out here, every message applied with one update
     * and the new sequence numbers written with one.
     */
    private void applyInOrder(List<Stored> rows) {
        if (rows.isEmpty()) {
            return;
        }
        java.util.TreeMap<Person, Long> last = new java.util.TreeMap<>();
        for (Stored row : rows) {
            Header header = row.item().opened().header();
            if (header.seq() > 0 && header.sub() != null) {
                last.put(new Person(header.fromCounty(), header.toCounty(), header.sub()), 0L);
            }
        }
        Map<Person, java.util.TreeMap<Long, java.util.ArrayDeque<Long>>> waiting = new java.util.HashMap<>();
        if (!last.isEmpty()) {
            lockSequences(last);
            readWaiting(last.keySet(), rows, waiting);
        }
        java.util.Set<Person> advanced = new java.util.HashSet<>();
        List<Long> order = new ArrayList<>(rows.size());
        for (Stored row : rows) {
            Header header = row.item().opened().header();
            if (header.seq() <= 0 || header.sub() == null) {
                order.add(row.id());
                continue;
            }
            Person person = new Person(header.fromCounty(), header.toCounty(), header.sub());
            long applied = last.get(person);
            java.util.TreeMap<Long, java.util.ArrayDeque<Long>> pool =
                    waiting.computeIfAbsent(person, p -> new java.util.TreeMap<>());
            if (header.seq() > applied + 1) {
                pool.computeIfAbsent(header.seq(), s -> new java.util.ArrayDeque<>())
                        .add(row.id());
                continue;
            }
            order.add(row.id());
            applied = Math.max(applied, header.seq());
            while (true) {
                java.util.ArrayDeque<Long> next = pool.get(applied + 1);
                if (next == null || next.isEmpty()) {
                    break;
                }
                order.add(next.poll());
                applied++;
            }
            last.put(person, applied);
            advanced.add(person);
        }
        applyAll(order);
        if (!advanced.isEmpty()) {
            List<Person> persons =
                    last.keySet().stream().filter(advanced::contains).toList();
            jdbc.sql("""
                            update exchange_in_sequence s set last_seq = v.last_seq
                            from unnest(cast(? as text[]), cast(? as text[]), cast(? as text[]), cast(? as bigint[]))
                                 as v(from_county, to_county, subject, last_seq)
                            where s.from_county = v.from_county and s.to_county = v.to_county
                              and s.subject = v.subject""")
                    .params(
                            persons.stream().map(Person::fromCounty).toArray(String[]::new),
                            persons.stream().map(Person::toCounty).toArray(String[]::new),
                            persons.stream().map(Person::subject).toArray(String[]::new),
                            persons.stream().map(last::get).toArray(Long[]::new))
                    .update();
        }
    }

    /**
     * Creates the persons' sequence rows that do not exist yet and locks all of them, in key order, reading
     * their last applied sequence number into {@code last}.
     */
    private void lockSequences(java.util.TreeMap<Person, Long> last) {
        List<Person> persons = new ArrayList<>(last.keySet());
        jdbc.sql("""
                        insert into exchange_in_sequence (from_county, to_county, subject, last_seq)
                        select v.from_county, v.to_county, v.subject, 0
                        from unnest(cast(? as text[]), cast(? as text[]), cast(? as text[])) with ordinality
                             as v(from_county, to_county, subject, ord)
                        order by v.ord
                        on conflict (from_county, to_county, subject)
                        do update set last_seq = exchange_in_sequence.last_seq
                        returning from_county, to_county, subject, last_seq""")
                .params(
                        persons.stream().map(Person::fromCounty).toArray(String[]::new),
                        persons.stream().map(Person::toCounty).toArray(String[]::new),
                        persons.stream().map(Person::subject).toArray(String[]::new))
                .query(rs -> {
                    last.put(new Person(rs.getString(1), rs.getString(2), rs.getString(3)), rs.getLong(4));
                });
    }

    /** The messages already waiting for these persons, stored by earlier batches, by sequence number. */
    private void readWaiting(
            java.util.Set<Person> persons,
            List<Stored> rows,
            Map<Person, java.util.TreeMap<Long, java.util.ArrayDeque<Long>>> waiting) {
        List<Person> keys = new ArrayList<>(persons);
        jdbc.sql("""
                        select i.id, i.from_county, i.to_county, i.subject, i.seq from exchange_inbox i
                        join unnest(cast(? as text[]), cast(? as text[]), cast(? as text[]))
                             as k(from_county, to_county, subject)
                          on i.from_county = k.from_county and i.to_county = k.to_county and i.subject = k.subject
                        where i.status = 'WAITING' and not (i.id = any(cast(? as bigint[])))
                        order by i.id""")
                .params(
                        keys.stream().map(Person::fromCounty).toArray(String[]::new),
                        keys.stream().map(Person::toCounty).toArray(String[]::new),
                        keys.stream().map(Person::subject).toArray(String[]::new),
                        rows.stream().map(Stored::id).toArray(Long[]::new))
                .query(rs -> {
                    waiting.computeIfAbsent(
                                    new Person(rs.getString(2), rs.getString(3), rs.getString(4)),
                                    p -> new java.util.TreeMap<>())
                            .computeIfAbsent(rs.getLong(5), s -> new java.util.ArrayDeque<>())
                            .add(rs.getLong(1));
                });
    }

    /**
     * Marks the messages applied, in the given order (their {@code applied_at} a microsecond apart, so that
     * it keeps that order), updates the outbox rows their receipts and answers close, and publishes one
     * {@link ExchangeEvents.MessageApplied} per message in that order.
     */
    private void applyAll(List<Long> order) {
        if (order.isEmpty()) {
            return;
        }
        Map<Long, Map<String, Object>> applied = new java.util.HashMap<>();
        jdbc.sql("""
                        update exchange_inbox i set status = 'APPLIED',
                            applied_at = statement_timestamp() + (v.ord - 1) * interval '1 microsecond'
                        from unnest(cast(? as bigint[])) with ordinality as v(id, ord)
                        where i.id = v.id
                        returning i.id, i.message_id, i.type, i.from_county, i.to_county, i.subject,
                                  i.in_reply_to, i.due""")
                .param(order.toArray(Long[]::new))
                .query()
                .listOfRows()
                .forEach(row -> applied.put(((Number) row.get("id")).longValue(), row));
        List<String> delivered = new ArrayList<>();
        List<String> answered = new ArrayList<>();
        for (Map<String, Object> row : applied.values()) {
            MessageType type = MessageType.valueOf((String) row.get("type"));
            Object inReplyTo = row.get("in_reply_to");
            if (type == MessageType.RECEIPT && inReplyTo != null) {
                delivered.add(inReplyTo.toString());
            } else if (type.isAnswer() && inReplyTo != null) {
                answered.add(inReplyTo.toString());
            }
        }
        // a receipt before an answer: an answered message ends ANSWERED, whichever came first
        if (!delivered.isEmpty()) {
            jdbc.sql("""
                            update exchange_outbox set status = 'DELIVERED', delivered_at = now()
                            where message_id = any(cast(? as uuid[])) and status in ('PENDING', 'SENT')""").param(delivered.toArray(String[]::new)).update();
        }
        if (!answered.isEmpty()) {
            jdbc.sql("""
                            update exchange_outbox set status = 'ANSWERED', answered_at = now(),
                                delivered_at = coalesce(delivered_at, now())
                            where message_id = any(cast(? as uuid[])) and status <> 'DEAD'""").param(answered.toArray(String[]::new)).update();
        }
        for (Long id : order) {
            Map<String, Object> row = applied.get(id);
            java.sql.Date due = (java.sql.Date) row.get("due");
            events.publishEvent(new ExchangeEvents.MessageApplied(
                    (UUID) row.get("message_id"),
                    MessageType.valueOf((String) row.get("type")),
                    (String) row.get("from_county"),
                    (String) row.get("to_county"),
                    (String) row.get("subject"),
                    due == null ? null : due.toLocalDate()));
        }
    }

    private static Envelopes.Draft receiptDraft(Envelopes.Opened opened, String fromCounty, String status) {
        Header header = opened.header();
        return new Envelopes.Draft(
                UUID.randomUUID().toString(),
                MessageType.RECEIPT,
                fromCounty,
                header.fromCounty(),
                java.time.Instant.now(),
                null,
                header.id(),
                opened.envelope().hash(),
                0,
                header.sub(),
                Codec.JSON.writeValueAsBytes(Map.of("status", status, "messageId", header.id())));
    }

    private static String json(Envelope envelope) {
        return new String(Codec.JSON.writeValueAsBytes(envelope), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static UUID uuid(String text) {
        if (text == null) {
            return null;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw ExchangeRefused.malformed("Not a UUID: " + text);
        }
    }
}
