package org.liudong.exchange;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.liudong.shared.InvalidInput;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A read-only view of the stored exchange for other modules (the two-way assessment, 双向考核): every message
 * this node sent or received about some counties, with the signed facts both sides share — type, counties,
 * created instant, deadline, the request it answers — plus when it left or reached this node, when it was
 * answered and whether the answer was disputed. No ID numbers or names leave the module; of an inflow notice
 * only the arrival date, sex and birth date are given. It also sends the two non-personal kinds of message
 * the assessment needs: a county's SCORECARD and a DISPUTE of an answer received.
 */
@Service
public class ExchangeRecords {

    private final JdbcClient jdbc;
    private final Outbox outbox;
    private final Directory directory;

    ExchangeRecords(JdbcClient jdbc, Outbox outbox, Directory directory) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.directory = directory;
    }

    /**
     * One message as stored here. {@code outgoing} when this node wrote it (else it was received);
     * {@code created} is the signed creation instant; {@code left} when it left this node (outgoing: sent or
     * delivered, null while it waits) or reached it (received); {@code answeredAt} the creation instant of the
     * first answer quoting it; {@code disputed} whether a DISPUTE quotes it, with {@code disputeReason}.
     */
    public record Item(
            UUID id,
            MessageType type,
            String fromCounty,
            String toCounty,
            boolean outgoing,
            Instant created,
            Instant left,
            LocalDate due,
            UUID inReplyTo,
            String subject,
            String result,
            Instant answeredAt,
            UUID answerId,
            boolean disputed,
            String disputeReason,
            LocalDate movedIn,
            String sex,
            LocalDate birthDate) {}

    /** A scorecard a partner sent: who, for which period, when, and its payload as JSON text. */
    public record ReceivedScorecard(UUID id, String fromCounty, String toCounty, Instant created, String payload) {}

    /** The counties this node serves. */
    public List<String> servedCounties() {
        return directory.self().counties();
    }

    /** The counties of every node this node knows (its own first), without hubs' own codes. */
    public Set<String> knownCounties() {
        Set<String> counties = new LinkedHashSet<>();
        directory.all().forEach(n -> counties.addAll(n.counties()));
        return counties;
    }

    /** Which sent messages count as the exchange's items: every one but receipts and scorecards, not forwarded. */
    private static final String OUTBOX_ITEMS = "not forwarded and type not in ('RECEIPT', 'SCORECARD')";

    /** Which received messages count as the exchange's items: every one applied or answered, but receipts and scorecards. */
    private static final String INBOX_ITEMS =
            "status in ('APPLIED', 'ANSWERED') and type not in ('RECEIPT', 'SCORECARD')";

    /**
     * The counties, other than {@code counties}, that the items of {@link #involving} were exchanged with, read
     * without the items themselves: for a caller that only needs to know whom it could write to.
     */
    @Transactional(readOnly = true)
    public Set<String> counterparts(Collection<String> counties) {
        String[] codes = counties.toArray(String[]::new);
        Set<String> others = new java.util.TreeSet<>(jdbc.sql("""
                        select case when from_county = any(:codes) then to_county else from_county end
                        from exchange_outbox
                        where %s and (from_county = any(:codes) or to_county = any(:codes))
                        union
                        select case when from_county = any(:codes) then to_county else from_county end
                        from exchange_inbox
                        where %s and (from_county = any(:codes) or to_county = any(:codes))""".formatted(OUTBOX_ITEMS, INBOX_ITEMS))
                .param("codes", codes)
                .query(String.class)
                .list());
        others.removeAll(counties);
        return others;
    }

    /** Every message (but receipts and scorecards) sent or received here from or to one of {@code counties}. */
    @Transactional(readOnly = true)
    public List<Item> involving(Collection<String> counties) {
        String[] codes = counties.toArray(String[]::new);
        List<Row> rows = new ArrayList<>();
        rows.addAll(jdbc.sql("""
                        select message_id, type, from_county, to_county, true as outgoing, created_at,
                            coalesce(sent_at, delivered_at) as left_at, due, in_reply_to, subject,
                            payload->>'result' as result, payload->>'reason' as reason,
                            payload->>'movedIn' as moved_in, payload->>'sex' as sex,
                            payload->>'birthDate' as birth_date, null as envelope
                        from exchange_outbox
                        where %s and (from_county = any(?) or to_county = any(?))""".formatted(OUTBOX_ITEMS))
                .params(codes, codes)
                .query(ExchangeRecords::row)
                .list());
        rows.addAll(jdbc.sql("""
                        select message_id, type, from_county, to_county, false as outgoing, null as created_at,
                            received_at as left_at, due, in_reply_to, subject,
                            payload->>'result' as result, payload->>'reason' as reason,
                            payload->>'movedIn' as moved_in, payload->>'sex' as sex,
                            payload->>'birthDate' as birth_date, envelope
                        from exchange_inbox
                        where %s and (from_county = any(?) or to_county = any(?))""".formatted(INBOX_ITEMS))
                .params(codes, codes)
                .query(ExchangeRecords::row)
                .list());
        Map<UUID, Row> answers = new HashMap<>();
        Map<UUID, Row> disputes = new HashMap<>();
        for (Row row : rows) {
            if (row.inReplyTo == null) {
                continue;
            }
            if (row.type.isAnswer()) {
                answers.merge(row.inReplyTo, row, (a, b) -> a.created.isBefore(b.created) ? a : b);
            } else if (row.type == MessageType.DISPUTE) {
                disputes.putIfAbsent(row.inReplyTo, row);
            }
        }
        List<Item> items = new ArrayList<>(rows.size());
        for (Row row : rows) {
            Row answer = answers.get(row.id);
            Row dispute = disputes.get(row.id);
            items.add(new Item(
                    row.id,
                    row.type,
                    row.fromCounty,
                    row.toCounty,
                    row.outgoing,
                    row.created,
                    row.left,
                    row.due,
                    row.inReplyTo,
                    row.subject,
                    row.result,
                    answer == null ? null : answer.created,
                    answer == null ? null : answer.id,
                    dispute != null,
                    dispute == null ? null : dispute.reason,
                    row.movedIn,
                    row.sex,
                    row.birthDate));
        }
        return items;
    }

    /**
     * When the newest message (but receipts and scorecards) was sent or received here; empty when none was. Tells
     * a reader of an empty period where the exchange's records are.
     */
    @Transactional(readOnly = true)
    public java.util.Optional<Instant> newestMessage() {
        return jdbc.sql("""
                        select greatest(
                            (select max(created_at) from exchange_outbox where %s),
                            (select max(received_at) from exchange_inbox where %s))""".formatted(OUTBOX_ITEMS, INBOX_ITEMS))
                .query((rs, n) -> {
                    java.sql.Timestamp at = rs.getTimestamp(1);
                    return at == null ? null : at.toInstant();
                })
                .optional();
    }

    /** The scorecards received from a county, newest first. */
    @Transactional(readOnly = true)
    public List<ReceivedScorecard> scorecardsFrom(String county) {
        return jdbc.sql("""
                        select message_id, from_county, to_county, envelope, payload::text as payload
                        from exchange_inbox where type = 'SCORECARD' and from_county = ?
                          and status in ('APPLIED', 'ANSWERED')
                        order by received_at desc, id desc""")
                .param(county)
                .query((rs, n) -> new ReceivedScorecard(
                        rs.getObject("message_id", UUID.class),
                        rs.getString("from_county"),
                        rs.getString("to_county"),
                        created(rs.getString("envelope")),
                        rs.getString("payload")))
                .list();
    }

    /** Queues a county's scorecard for a partner county; signed when sealed like every message. */
    @Transactional
    public UUID sendScorecard(String fromCounty, String toCounty, Map<String, Object> payload) {
        if (!directory.servesLocally(fromCounty)) {
            throw new InvalidInput("county", "This node does not serve county " + fromCounty);
        }
        return outbox.send(new Outbox.Outgoing(
                MessageType.SCORECARD, fromCounty, toCounty, null, null, payload, null, null, false));
    }

    /**
     * Disputes an answer this node received: a DISPUTE quoting the answer goes back to the county that gave
     * it. An answer is disputed once; a reason is required.
     */
    @Transactional
    public UUID dispute(UUID answerId, String reason) {
        String text = reason == null ? "" : reason.strip();
        if (text.isEmpty() || text.length() > 2000) {
            throw new InvalidInput("reason", org.liudong.shared.Refusal.of("disputeReason"));
        }
        Map<String, Object> answer = jdbc.sql("""
                        select type, from_county, to_county, subject, envelope from exchange_inbox
                        where message_id = ? and status in ('APPLIED', 'ANSWERED')""").param(answerId).query().listOfRows().stream()
                .findFirst()
                .orElseThrow(() ->
                        new InvalidInput("answer", org.liudong.shared.Refusal.of("disputeNotReceived", answerId)));
        if (!MessageType.valueOf((String) answer.get("type")).isAnswer()) {
            throw new InvalidInput("answer", org.liudong.shared.Refusal.of("disputeNotAnswer", answerId));
        }
        boolean already = jdbc.sql("""
                        select exists (select 1 from exchange_outbox where type = 'DISPUTE' and in_reply_to = ?)""").param(answerId).query(Boolean.class).single();
        if (already) {
            throw new InvalidInput("answer", org.liudong.shared.Refusal.of("disputed"));
        }
        Envelope envelope = Codec.JSON.readValue((String) answer.get("envelope"), Envelope.class);
        return outbox.send(new Outbox.Outgoing(
                MessageType.DISPUTE,
                (String) answer.get("to_county"),
                (String) answer.get("from_county"),
                null,
                (String) answer.get("subject"),
                Map.of("reason", text),
                answerId,
                envelope.hash(),
                false));
    }

    private record Row(
            UUID id,
            MessageType type,
            String fromCounty,
            String toCounty,
            boolean outgoing,
            Instant created,
            Instant left,
            LocalDate due,
            UUID inReplyTo,
            String subject,
            String result,
            String reason,
            LocalDate movedIn,
            String sex,
            LocalDate birthDate) {}

    private static Row row(ResultSet rs, int n) throws SQLException {
        java.sql.Timestamp created = rs.getTimestamp("created_at");
        java.sql.Timestamp left = rs.getTimestamp("left_at");
        java.sql.Date due = rs.getDate("due");
        return new Row(
                rs.getObject("message_id", UUID.class),
                MessageType.valueOf(rs.getString("type")),
                rs.getString("from_county"),
                rs.getString("to_county"),
                rs.getBoolean("outgoing"),
                created != null ? created.toInstant() : created(rs.getString("envelope")),
                left == null ? null : left.toInstant(),
                due == null ? null : due.toLocalDate(),
                rs.getObject("in_reply_to", UUID.class),
                rs.getString("subject"),
                rs.getString("result"),
                rs.getString("reason"),
                date(rs.getString("moved_in")),
                rs.getString("sex"),
                date(rs.getString("birth_date")));
    }

    /** The signed creation instant in an envelope's protected header. */
    private static Instant created(String envelopeJson) {
        Envelope envelope = Codec.JSON.readValue(envelopeJson, Envelope.class);
        return Instant.parse(Codec.JSON
                .readTree(Codec.unb64(envelope.protectedHeader()))
                .path("created")
                .asString());
    }

    private static LocalDate date(String text) {
        if (text == null || text.isBlank() || "null".equals(text)) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
