package org.liudong.exchange;

import java.sql.Date;
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
            transactions.executeWithoutResult(status -> {
                for (int k = 0; k < checked.size(); k++) {
                    Checked item = checked.get(k);
                    try {
                        outcomes[item.index()] = new Outcome(accept(item, signed.get(k)), null);
                    } catch (ExchangeRefused refusal) {
                        outcomes[item.index()] = new Outcome(null, refusal);
                    }
                }
            });
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

    private Envelope accept(Checked item, Envelope receipt) {
        Envelopes.Opened opened = item.opened();
        Header header = opened.header();
        if (item.forward()) {
            return acceptForForwarding(opened, receipt);
        }
        if (opened.type().isAnswer() || opened.type() == MessageType.RECEIPT || opened.type() == MessageType.DISPUTE) {
            checkRequest(header);
        }
        Long id = store(opened, item.payload(), "WAITING", receipt);
        if (id == null) {
            return storedReceipt(header);
        }
        applyInOrder(id, header);
        return receipt;
    }

    private Envelope acceptForForwarding(Envelopes.Opened opened, Envelope receipt) {
        Header header = opened.header();
        if (store(opened, null, "FORWARDED", receipt) == null) {
            return storedReceipt(opened.header());
        }
        outbox.forward(opened.envelope(), header, opened.type());
        return receipt;
    }

    /** An answer or a receipt must quote one of our messages by id and by the hash of its envelope. */
    private void checkRequest(Header header) {
        String stored = jdbc.sql("select envelope from exchange_outbox where message_id = ? and not forwarded")
                .param(uuid(header.inReplyTo()))
                .query(String.class)
                .optional()
                .orElseThrow(() -> new ExchangeRefused(422, "unknown-request", "No message " + header.inReplyTo()));
        Envelope request = Codec.JSON.readValue(stored, Envelope.class);
        if (!request.hash().equals(header.inReplyToHash())) {
            throw new ExchangeRefused(422, "unknown-request", "The reply quotes a different request");
        }
    }

    private Long store(Envelopes.Opened opened, JsonNode payload, String status, Envelope receipt) {
        Header header = opened.header();
        return jdbc.sql("""
                        insert into exchange_inbox (sender_node, message_id, type, from_county, to_county, subject,
                            seq, in_reply_to, envelope, payload, status, due, receipt)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?)
                        on conflict (sender_node, message_id) do nothing
                        returning id""")
                .params(
                        header.from(),
                        uuid(header.id()),
                        opened.type().name(),
                        header.fromCounty(),
                        header.toCounty(),
                        header.sub(),
                        header.seq(),
                        uuid(header.inReplyTo()),
                        json(opened.envelope()),
                        payload == null ? null : payload.toString(),
                        status,
                        header.due() == null ? null : Date.valueOf(LocalDate.parse(header.due())),
                        json(receipt))
                .query(Long.class)
                .optional()
                .orElse(null);
    }

    private Envelope storedReceipt(Header header) {
        String receipt = jdbc.sql("select receipt from exchange_inbox where sender_node = ? and message_id = ?")
                .params(header.from(), uuid(header.id()))
                .query(String.class)
                .single();
        return Codec.JSON.readValue(receipt, Envelope.class);
    }

    /**
     * Applies the message when it is next in its person's sequence, then any waiting successors; a message
     * after a gap stays WAITING until the gap is filled.
     */
    private void applyInOrder(long id, Header header) {
        if (header.seq() <= 0 || header.sub() == null) {
            apply(id);
            return;
        }
        jdbc.sql("""
                        insert into exchange_in_sequence (from_county, to_county, subject, last_seq)
                        values (?, ?, ?, 0) on conflict do nothing""")
                .params(header.fromCounty(), header.toCounty(), header.sub())
                .update();
        long last = jdbc.sql("""
                        select last_seq from exchange_in_sequence
                        where from_county = ? and to_county = ? and subject = ? for update""")
                .params(header.fromCounty(), header.toCounty(), header.sub())
                .query(Long.class)
                .single();
        if (header.seq() > last + 1) {
            return;
        }
        apply(id);
        long applied = Math.max(last, header.seq());
        while (true) {
            Long next = jdbc.sql("""
                            select id from exchange_inbox where status = 'WAITING'
                            and from_county = ? and to_county = ? and subject = ? and seq = ?""")
                    .params(header.fromCounty(), header.toCounty(), header.sub(), applied + 1)
                    .query(Long.class)
                    .optional()
                    .orElse(null);
            if (next == null) {
                break;
            }
            apply(next);
            applied++;
        }
        jdbc.sql("""
                        update exchange_in_sequence set last_seq = ?
                        where from_county = ? and to_county = ? and subject = ?""")
                .params(applied, header.fromCounty(), header.toCounty(), header.sub())
                .update();
    }

    private void apply(long id) {
        Map<String, Object> row = jdbc.sql("""
                        update exchange_inbox set status = 'APPLIED', applied_at = clock_timestamp()
                        where id = ?
                        returning message_id, type, from_county, to_county, subject, in_reply_to, due, receipt""").param(id).query().singleRow();
        MessageType type = MessageType.valueOf((String) row.get("type"));
        UUID inReplyTo = (UUID) row.get("in_reply_to");
        if (type == MessageType.RECEIPT) {
            jdbc.sql("""
                            update exchange_outbox set status = 'DELIVERED', delivered_at = now()
                            where message_id = ? and status in ('PENDING', 'SENT')""").param(inReplyTo).update();
        } else if (type.isAnswer() && inReplyTo != null) {
            jdbc.sql("""
                            update exchange_outbox set status = 'ANSWERED', answered_at = now(),
                                delivered_at = coalesce(delivered_at, now())
                            where message_id = ? and status <> 'DEAD'""").param(inReplyTo).update();
        }
        java.sql.Date due = (java.sql.Date) row.get("due");
        events.publishEvent(new ExchangeEvents.MessageApplied(
                (UUID) row.get("message_id"),
                type,
                (String) row.get("from_county"),
                (String) row.get("to_county"),
                (String) row.get("subject"),
                due == null ? null : due.toLocalDate()));
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
