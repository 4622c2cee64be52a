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

    /**
     * What becomes of a message of the batch that was not stored before: its inbox status and, when it is
     * applied now, its place in the order of application (from 0).
     */
    private record Planned(Checked item, Envelope receipt, String status, Integer applied) {}

    /**
     * Stores, forwards and applies a checked batch in the caller's transaction with a handful of set-based
     * statements, whatever its size. Answers and receipts are checked against our outbox at once; the
     * sequence numbers of the batch's persons are locked and read, in a fixed order so that concurrent batches
     * do not deadlock; messages stored before are looked up at once and get their stored receipt (a copy later
     * in the same batch gets the first copy's); the order of application is worked out here, as if the messages
     * had arrived one by one in batch order (a message next in its person's sequence, or older, is applied,
     * then any waiting successors; one after a gap waits); then the new inbox rows go in with one insert,
     * already with their final status, waiting messages of earlier batches that are now applied are marked with
     * one update, what is forwarded is queued with one insert and the new sequence numbers are written with one.
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
        java.util.TreeMap<Person, Long> last = new java.util.TreeMap<>();
        for (Checked item : accepted) {
            if (!item.forward() && sequenced(item.opened().header())) {
                last.put(person(item.opened().header()), 0L);
            }
        }
        if (!last.isEmpty()) {
            lockSequences(last);
        }
        // a message that needs no ordering is found stored by its insert; one that does must be found before
        Map<String, Envelope> earlier = storedReceipts(accepted.stream()
                .filter(item -> !item.forward() && sequenced(item.opened().header()))
                .toList());
        Map<Person, java.util.TreeMap<Long, java.util.ArrayDeque<Object>>> waiting = new java.util.HashMap<>();
        if (!last.isEmpty()) {
            readWaiting(last.keySet(), waiting);
        }
        // plan: every message stored now, with its status; the order of application, of new messages (their
        // index among the planned) and of earlier batches' waiting ones (their inbox row id)
        List<Planned> planned = new ArrayList<>();
        List<Object> order = new ArrayList<>();
        Map<String, Envelope> firstCopies = new java.util.HashMap<>();
        Map<String, List<Integer>> laterCopies = new java.util.HashMap<>();
        java.util.Set<Person> advanced = new java.util.HashSet<>();
        for (int k = 0; k < accepted.size(); k++) {
            Checked item = accepted.get(k);
            Header header = item.opened().header();
            String key = key(header.from(), header.id());
            Envelope stored = earlier.containsKey(key) ? earlier.get(key) : firstCopies.get(key);
            if (stored != null) {
                outcomes[item.index()] = new Outcome(stored, null);
                laterCopies.computeIfAbsent(key, x -> new ArrayList<>()).add(item.index());
                continue;
            }
            firstCopies.put(key, acceptedReceipts.get(k));
            outcomes[item.index()] = new Outcome(acceptedReceipts.get(k), null);
            int index = planned.size();
            if (item.forward()) {
                planned.add(new Planned(item, acceptedReceipts.get(k), "FORWARDED", null));
                continue;
            }
            planned.add(new Planned(item, acceptedReceipts.get(k), "WAITING", null));
            if (!sequenced(header)) {
                order.add(index);
                continue;
            }
            Person person = person(header);
            long applied = last.get(person);
            java.util.TreeMap<Long, java.util.ArrayDeque<Object>> pool =
                    waiting.computeIfAbsent(person, p -> new java.util.TreeMap<>());
            if (header.seq() > applied + 1) {
                pool.computeIfAbsent(header.seq(), s -> new java.util.ArrayDeque<>())
                        .add(index);
                continue;
            }
            order.add(index);
            applied = Math.max(applied, header.seq());
            while (true) {
                java.util.ArrayDeque<Object> next = pool.get(applied + 1);
                if (next == null || next.isEmpty()) {
                    break;
                }
                order.add(next.poll());
                applied++;
            }
            last.put(person, applied);
            advanced.add(person);
        }
        for (int position = 0; position < order.size(); position++) {
            if (order.get(position) instanceof Integer index) {
                Planned plan = planned.get(index);
                planned.set(index, new Planned(plan.item(), plan.receipt(), "APPLIED", position));
            }
        }
        List<Envelopes.Opened> toForward = new ArrayList<>();
        java.util.Set<Planned> taken = insertAll(planned);
        List<Checked> storedBefore = new ArrayList<>();
        for (Planned plan : planned) {
            if (!taken.contains(plan)) {
                // stored before, or meanwhile by a concurrent delivery of the same message, which applies or
                // forwards it; a person's message can only be stored meanwhile if sent with another subject
                if (!plan.item().forward() && sequenced(plan.item().opened().header())) {
                    throw new IllegalStateException(
                            "Message " + plan.item().opened().header().id()
                                    + " was stored meanwhile; the batch is to be sent again");
                }
                storedBefore.add(plan.item());
            } else if (plan.item().forward()) {
                toForward.add(plan.item().opened());
            }
        }
        if (!storedBefore.isEmpty()) {
            Map<String, Envelope> receipts = storedReceipts(storedBefore);
            for (Checked item : storedBefore) {
                Header header = item.opened().header();
                String key = key(header.from(), header.id());
                outcomes[item.index()] = new Outcome(receipts.get(key), null);
                for (int copy : laterCopies.getOrDefault(key, List.of())) {
                    outcomes[copy] = outcomes[item.index()];
                }
            }
        }
        outbox.forwardAll(toForward);
        applyAll(order, planned, taken);
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

    private static boolean sequenced(Header header) {
        return header.seq() > 0 && header.sub() != null;
    }

    private static Person person(Header header) {
        return new Person(header.fromCounty(), header.toCounty(), header.sub());
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
     * Inserts the planned inbox rows with one statement, in batch order, each with its final status (an applied
     * one with {@code applied_at} a microsecond after the one applied before it, so that it keeps the order of
     * application); {@code (sender, message id)} is unique, so a row a concurrent delivery stored meanwhile is
     * not stored again. Answers the planned rows that were stored.
     */
    private java.util.Set<Planned> insertAll(List<Planned> planned) {
        int n = planned.size();
        if (n == 0) {
            return java.util.Set.of();
        }
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
        Long[] positions = new Long[n];
        String[] dues = new String[n];
        String[] receiptTexts = new String[n];
        for (int i = 0; i < n; i++) {
            Planned plan = planned.get(i);
            Header header = plan.item().opened().header();
            senders[i] = header.from();
            ids[i] = uuid(header.id()).toString();
            types[i] = plan.item().opened().type().name();
            froms[i] = header.fromCounty();
            tos[i] = header.toCounty();
            subjects[i] = header.sub();
            seqs[i] = header.seq();
            UUID reply = uuid(header.inReplyTo());
            replies[i] = reply == null ? null : reply.toString();
            // a forwarded envelope is kept once, in the outbox row that forwards it
            envelopeTexts[i] =
                    plan.item().forward() ? null : json(plan.item().opened().envelope());
            payloads[i] =
                    plan.item().payload() == null ? null : plan.item().payload().toString();
            statuses[i] = plan.status();
            positions[i] = plan.applied() == null ? null : plan.applied().longValue();
            dues[i] =
                    header.due() == null ? null : LocalDate.parse(header.due()).toString();
            receiptTexts[i] = json(plan.receipt());
        }
        java.util.Set<String> inserted = new java.util.HashSet<>();
        jdbc.sql("""
                        insert into exchange_inbox (sender_node, message_id, type, from_county, to_county, subject,
                            seq, in_reply_to, envelope, payload, status, applied_at, due, receipt)
                        select v.sender, cast(v.id as uuid), v.type, v.from_county, v.to_county, v.subject, v.seq,
                               cast(v.reply as uuid), v.envelope, cast(v.payload as jsonb), v.status,
                               now() + v.position * interval '1 microsecond', cast(v.due as date), v.receipt
                        from unnest(cast(? as text[]), cast(? as text[]), cast(? as text[]), cast(? as text[]),
                                    cast(? as text[]), cast(? as text[]), cast(? as bigint[]), cast(? as text[]),
                                    cast(? as text[]), cast(? as text[]), cast(? as text[]), cast(? as bigint[]),
                                    cast(? as text[]), cast(? as text[]))
                             with ordinality as v(sender, id, type, from_county, to_county, subject, seq, reply,
                                                  envelope, payload, status, position, due, receipt, ord)
                        order by v.ord
                        on conflict (sender_node, message_id) do nothing
                        returning sender_node, message_id::text""")
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
                        positions,
                        dues,
                        receiptTexts)
                .query(rs -> {
                    inserted.add(key(rs.getString(1), rs.getString(2)));
                });
        java.util.Set<Planned> taken = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Planned plan : planned) {
            Header header = plan.item().opened().header();
            if (inserted.contains(key(header.from(), header.id()))) {
                taken.add(plan);
            }
        }
        return taken;
    }

    /** The stored receipts of those of the messages that are stored already, by sender and message id. */
    private Map<String, Envelope> storedReceipts(List<Checked> items) {
        if (items.isEmpty()) {
            return new java.util.HashMap<>();
        }
        String[] senders = new String[items.size()];
        String[] ids = new String[items.size()];
        for (int i = 0; i < items.size(); i++) {
            senders[i] = items.get(i).opened().header().from();
            ids[i] = uuid(items.get(i).opened().header().id()).toString();
        }
        Map<String, Envelope> receipts = new java.util.HashMap<>();
        jdbc.sql("""
                        select i.sender_node, i.message_id::text, i.receipt
                        from exchange_inbox i
                        join unnest(cast(? as text[]), cast(? as uuid[])) as k(sender, id)
                          on i.sender_node = k.sender and i.message_id = k.id""").params(senders, ids).query(rs -> {
            receipts.put(key(rs.getString(1), rs.getString(2)), Codec.JSON.readValue(rs.getString(3), Envelope.class));
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

    /** The messages of earlier batches waiting for these persons, by sequence number (their inbox row ids). */
    private void readWaiting(
            java.util.Set<Person> persons, Map<Person, java.util.TreeMap<Long, java.util.ArrayDeque<Object>>> waiting) {
        List<Person> keys = new ArrayList<>(persons);
        jdbc.sql("""
                        select i.id, i.from_county, i.to_county, i.subject, i.seq from exchange_inbox i
                        join unnest(cast(? as text[]), cast(? as text[]), cast(? as text[]))
                             as k(from_county, to_county, subject)
                          on i.from_county = k.from_county and i.to_county = k.to_county and i.subject = k.subject
                        where i.status = 'WAITING'
                        order by i.id""")
                .params(
                        keys.stream().map(Person::fromCounty).toArray(String[]::new),
                        keys.stream().map(Person::toCounty).toArray(String[]::new),
                        keys.stream().map(Person::subject).toArray(String[]::new))
                .query(rs -> {
                    waiting.computeIfAbsent(
                                    new Person(rs.getString(2), rs.getString(3), rs.getString(4)),
                                    p -> new java.util.TreeMap<>())
                            .computeIfAbsent(rs.getLong(5), s -> new java.util.ArrayDeque<>())
                            .add(rs.getLong(1));
                });
    }

    /**
     * Marks the earlier batches' waiting messages in {@code order} applied, in their place of the order (the
     * new ones were stored applied), updates the outbox rows the applied receipts and answers close, and
     * publishes one {@link ExchangeEvents.MessageApplied} per applied message, in order.
     */
    private void applyAll(List<Object> order, List<Planned> planned, java.util.Set<Planned> stored) {
        if (order.isEmpty()) {
            return;
        }
        List<Long> earlierIds = new ArrayList<>();
        List<Long> earlierPositions = new ArrayList<>();
        for (int position = 0; position < order.size(); position++) {
            if (order.get(position) instanceof Long id) {
                earlierIds.add(id);
                earlierPositions.add((long) position);
            }
        }
        Map<Long, ExchangeEvents.MessageApplied> released = new java.util.HashMap<>();
        Map<Long, UUID> releasedReplies = new java.util.HashMap<>();
        if (!earlierIds.isEmpty()) {
            jdbc.sql("""
                            update exchange_inbox i set status = 'APPLIED',
                                applied_at = now() + v.position * interval '1 microsecond'
                            from unnest(cast(? as bigint[]), cast(? as bigint[])) as v(id, position)
                            where i.id = v.id
                            returning i.id, i.message_id, i.type, i.from_county, i.to_county, i.subject,
                                      i.in_reply_to, i.due""")
                    .params(earlierIds.toArray(Long[]::new), earlierPositions.toArray(Long[]::new))
                    .query(rs -> {
                        java.sql.Date due = rs.getDate("due");
                        released.put(
                                rs.getLong("id"),
                                new ExchangeEvents.MessageApplied(
                                        rs.getObject("message_id", UUID.class),
                                        MessageType.valueOf(rs.getString("type")),
                                        rs.getString("from_county"),
                                        rs.getString("to_county"),
                                        rs.getString("subject"),
                                        due == null ? null : due.toLocalDate()));
                        UUID reply = rs.getObject("in_reply_to", UUID.class);
                        if (reply != null) {
                            releasedReplies.put(rs.getLong("id"), reply);
                        }
                    });
        }
        List<ExchangeEvents.MessageApplied> applied = new ArrayList<>(order.size());
        List<String> delivered = new ArrayList<>();
        List<String> answered = new ArrayList<>();
        for (Object entry : order) {
            ExchangeEvents.MessageApplied event;
            UUID reply;
            if (entry instanceof Integer index) {
                Planned plan = planned.get(index);
                if (!stored.contains(plan)) {
                    continue;
                }
                Header header = plan.item().opened().header();
                event = new ExchangeEvents.MessageApplied(
                        uuid(header.id()),
                        plan.item().opened().type(),
                        header.fromCounty(),
                        header.toCounty(),
                        header.sub(),
                        header.due() == null ? null : LocalDate.parse(header.due()));
                reply = uuid(header.inReplyTo());
            } else {
                event = released.get((Long) entry);
                reply = releasedReplies.get((Long) entry);
            }
            applied.add(event);
            if (reply != null && event.type() == MessageType.RECEIPT) {
                delivered.add(reply.toString());
            } else if (reply != null && event.type().isAnswer()) {
                answered.add(reply.toString());
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
        applied.forEach(events::publishEvent);
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
