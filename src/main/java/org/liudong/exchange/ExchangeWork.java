package org.liudong.exchange;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.liudong.audit.AuditTrail;
import org.liudong.security.Role;
import org.liudong.shared.CurrentScope;
import org.liudong.shared.InvalidInput;
import org.liudong.shared.NotFound;
import org.liudong.shared.ScopedUser;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The exchange clerk's work: inbox and outbox with their status, the items to answer with their deadline, and
 * answers. Only exchange clerks and district officers use it, and only for the counties in their scope.
 */
@Service
public class ExchangeWork {

    /** The most messages a list shows: the newest of the chosen status. */
    public static final int LIMIT = 500;

    private final JdbcClient jdbc;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final NodeKeys keys;

    ExchangeWork(
            JdbcClient jdbc,
            Outbox outbox,
            AuditTrail audit,
            ApplicationEventPublisher events,
            Clock clock,
            NodeKeys keys) {
        this.keys = keys;
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** A message as a list shows it; {@code status} is one of {@link #STATUSES}. */
    public record MessageView(
            UUID id,
            String direction,
            MessageType type,
            String localCounty,
            String otherCounty,
            String status,
            Instant at,
            LocalDate due,
            boolean overdue,
            Instant answeredAt,
            String lastError) {}

    /** A message with its content (for a received message, the decrypted payload) and how it can be answered. */
    /**
     * A message with its content; for a received request, the type that answers it, the results to choose from
     * and the answer this node sent, if any.
     */
    public record MessageDetail(
            MessageView message,
            Map<String, Object> content,
            MessageType answerType,
            List<String> results,
            UUID answer) {

        public boolean answerable() {
            return answerType != null && "TO_ANSWER".equals(message.status());
        }
    }

    /** A clerk's answer: one of {@link PayloadRules#RESULTS} and a note. */
    public record Answer(String result, String note) {}

    public static final List<String> STATUSES =
            List.of("PENDING", "SENT", "DELIVERED", "ANSWERED", "FAILED", "TO_ANSWER", "RECEIVED", "WAITING");

    /** The newest {@link #LIMIT} messages of the inbox ({@code in}) or outbox ({@code out}) with a status. */
    @Transactional(readOnly = true)
    public List<MessageView> list(String direction, String status) {
        return list(direction, status, LIMIT);
    }

    /** The most messages an export of the inbox or outbox holds. */
    public static final int EXPORT_LIMIT = 100_000;

    /** The newest {@code limit} messages of the inbox ({@code in}) or outbox ({@code out}) with a status. */
    @Transactional(readOnly = true)
    public List<MessageView> list(String direction, String status, int limit) {
        Listing listing = listing(direction, status, limit);
        return listing.statement().query(listing.mapper()).list();
    }

    /**
     * Hands the messages {@link #list} would answer to {@code sink} one at a time, read from the database 500 at
     * a time, so that an export of many holds only a few in memory; answers how many there were.
     */
    @Transactional(readOnly = true)
    public int each(String direction, String status, int limit, java.util.function.Consumer<MessageView> sink) {
        Listing listing = listing(direction, status, limit);
        int[] rows = {0};
        listing.statement().withFetchSize(500).query(rs -> {
            sink.accept(listing.mapper().mapRow(rs, rows[0]++));
        });
        return rows[0];
    }

    /** Checks a list's direction, status and the caller's role, so that an export is refused before it starts. */
    public void checkListing(String direction, String status) {
        listing(direction, status, 0);
    }

    /** A list's statement and how its rows become messages. */
    private record Listing(
            JdbcClient.StatementSpec statement, org.springframework.jdbc.core.RowMapper<MessageView> mapper) {}

    private Listing listing(String direction, String status, int limit) {
        String prefix = clerk().scope().leaf();
        String wanted =
                status == null || status.isBlank() ? null : status.strip().toUpperCase(Locale.ROOT);
        if (wanted != null && !wanted.equals("OVERDUE") && !STATUSES.contains(wanted)) {
            throw new InvalidInput("status", "Unknown status " + status);
        }
        // the status is chosen in the query, before the limit: an old message still to answer is found however
        // many newer ones there are
        return switch (direction == null ? "in" : direction) {
            case "in" ->
                new Listing(
                        jdbc.sql(INBOX + " and to_county like :prefix || '%'" + inboxStatus(wanted)
                                        + " order by received_at desc, id desc limit :limit")
                                .param("prefix", prefix)
                                .param("limit", limit)
                                .param("answerable", ANSWERABLE)
                                .param("status", wanted)
                                .param("today", today()),
                        this::inbound);
            case "out" ->
                new Listing(
                        jdbc.sql(OUTBOX + " and from_county like :prefix || '%'" + outboxStatus(wanted)
                                        + " order by created_at desc, id desc limit :limit")
                                .param("prefix", prefix)
                                .param("limit", limit)
                                .param("status", wanted)
                                .param("today", today()),
                        this::outbound);
            default -> throw new InvalidInput("direction", "direction is in or out");
        };
    }

    /** Received messages still to answer in a user's counties, and how many of them are late. */
    record Waiting(long toAnswer, long late) {}

    /** The messages the inbox lists as TO_ANSWER for the user, counted with the same rule. */
    @Transactional(readOnly = true)
    Waiting waiting(ScopedUser user) {
        return jdbc.sql("select count(*), count(*) filter (where due < :today) from (" + INBOX
                        + " and to_county like :prefix || '%'" + inboxStatus("TO_ANSWER") + ") waiting")
                .param("prefix", user.scope().leaf())
                .param("answerable", ANSWERABLE)
                .param("today", today())
                .query((rs, row) -> new Waiting(rs.getLong(1), rs.getLong(2)))
                .single();
    }

    /** The types that ask for an answer: a received one is TO_ANSWER until answered, the others RECEIVED. */
    private static final List<String> ANSWERABLE = java.util.Arrays.stream(MessageType.values())
            .filter(type -> type.answeredBy().isPresent())
            .map(MessageType::name)
            .toList();

    /** The received messages of a status as {@link #inbound} derives it, as a condition. */
    private static String inboxStatus(String wanted) {
        if (wanted == null) {
            return "";
        }
        return switch (wanted) {
            case "WAITING", "ANSWERED" -> " and status = :status";
            case "TO_ANSWER" -> " and status not in ('WAITING', 'ANSWERED') and type in (:answerable)";
            case "RECEIVED" -> " and status not in ('WAITING', 'ANSWERED') and type not in (:answerable)";
            case "OVERDUE" -> " and due < :today and status <> 'ANSWERED'";
            default -> " and false";
        };
    }

    /** The sent messages of a status as {@link #outbound} derives it (FAILED is stored as DEAD), as a condition. */
    private static String outboxStatus(String wanted) {
        if (wanted == null) {
            return "";
        }
        return switch (wanted) {
            case "FAILED" -> " and status = 'DEAD'";
            case "OVERDUE" -> " and due < :today and status <> 'ANSWERED'";
            default -> " and status = :status";
        };
    }

    /** One message of the caller's counties with its content; a read of the person it is about, so audited. */
    @Transactional
    public MessageDetail get(UUID id) {
        ScopedUser user = clerk();
        String prefix = user.scope().leaf();
        Optional<MessageView> inbound = jdbc.sql(INBOX + " and message_id = ? and to_county like ? || '%'")
                .params(id, prefix)
                .query(this::inbound)
                .optional();
        if (inbound.isPresent()) {
            String payload = jdbc.sql(
                            "select payload::text from exchange_inbox where message_id = ? and status <> 'FORWARDED'")
                    .param(id)
                    .query(String.class)
                    .single();
            MessageType answerType = inbound.get().type().answeredBy().orElse(null);
            auditRead(user, inbound.get());
            UUID sent = answerType == null
                    ? null
                    : jdbc.sql("""
                                    select message_id from exchange_outbox where in_reply_to = ? and type = ?
                                    order by id desc limit 1""")
                            .params(id, answerType.name())
                            .query(UUID.class)
                            .optional()
                            .orElse(null);
            return new MessageDetail(inbound.get(), content(payload), answerType, PayloadRules.RESULTS, sent);
        }
        MessageView outbound = jdbc.sql(OUTBOX + " and message_id = ? and from_county like ? || '%'")
                .params(id, prefix)
                .query(this::outbound)
                .optional()
                .orElseThrow(() -> new NotFound("exchange-message-not-found", "No message " + id));
        String payload = jdbc.sql("select payload::text from exchange_outbox where message_id = ?")
                .param(id)
                .query(String.class)
                .single();
        auditRead(user, outbound);
        return new MessageDetail(outbound, content(payload), null, List.of(), null);
    }

    private void auditRead(ScopedUser user, MessageView message) {
        audit.append(new AuditTrail.Record(
                clock.instant(),
                user.username(),
                "EXCHANGE_MESSAGE_READ",
                "exchange-message",
                message.id().toString(),
                user.scope().value(),
                null,
                message.direction() + " " + message.type()));
    }

    /**
     * The dead letters: messages of the caller's counties that could not be sent for the give-up time (7 days)
     * and were set aside with an alert, newest first, with their last error.
     */
    @Transactional(readOnly = true)
    public List<MessageView> deadLetters() {
        String prefix = clerk().scope().leaf();
        return jdbc.sql(
                        OUTBOX
                                + " and status = 'DEAD' and from_county like ? || '%' order by created_at desc, id desc limit ?")
                .params(prefix, LIMIT)
                .query(this::outbound)
                .list();
    }

    /**
     * Sends a dead letter again, unchanged (same id and signature): it is queued at once and gets another
     * give-up time before it is set aside again.
     */
    @Transactional
    public void retry(UUID id) {
        ScopedUser user = clerk();
        int updated = jdbc.sql("""
                        update exchange_outbox set status = 'PENDING', attempts = 0, next_attempt_at = now(),
                            resend_at = now()
                        where message_id = ? and status = 'DEAD' and not forwarded and from_county like ? || '%'""").params(id, user.scope().leaf()).update();
        if (updated == 0) {
            throw new NotFound("exchange-message-not-found", "No dead letter " + id);
        }
        audit.append(new AuditTrail.Record(
                clock.instant(),
                user.username(),
                "EXCHANGE_RETRIED",
                "exchange-message",
                id.toString(),
                user.scope().value(),
                null,
                "dead letter sent again"));
        outbox.wakeAfterCommit();
    }

    /** A person's exchange history, both directions, newest first, within the caller's scope. */
    @Transactional(readOnly = true)
    public List<MessageView> history(String idNumber) {
        String prefix = clerk().scope().leaf();
        String subject = Algorithms.pseudonym(keys.pseudonymKey(), idNumber);
        List<MessageView> in = jdbc.sql(INBOX + " and subject = ? and to_county like ? || '%'")
                .params(subject, prefix)
                .query(this::inbound)
                .list();
        List<MessageView> out = jdbc.sql(OUTBOX + " and subject = ? and from_county like ? || '%'")
                .params(subject, prefix)
                .query(this::outbound)
                .list();
        return java.util.stream.Stream.concat(in.stream(), out.stream())
                .sorted(java.util.Comparator.comparing(MessageView::at).reversed())
                .toList();
    }

    /** The results an answer must explain in its note. */
    private static final Set<String> NOTE_NEEDED = Set.of("CORRECTED", "DENIED");

    /** Answers a received request; the answer goes out through the outbox and closes the item here. */
    @Transactional
    public UUID answer(UUID id, Answer answer) {
        ScopedUser user = clerk();
        MessageDetail detail = get(id);
        if (!"in".equals(detail.message().direction()) || detail.answerType() == null) {
            throw new InvalidInput("id", org.liudong.shared.Refusal.of("noAnswerAsked"));
        }
        if (!detail.answerable()) {
            throw new InvalidInput("id", org.liudong.shared.Refusal.of("answeredOrPending"));
        }
        if (answer == null || !PayloadRules.RESULTS.contains(answer.result())) {
            throw new InvalidInput("result", org.liudong.shared.Refusal.of("answerResult", PayloadRules.RESULTS));
        }
        String note = answer.note() == null ? "" : answer.note().strip();
        if (note.length() > 2000) {
            throw new InvalidInput("note", org.liudong.shared.Refusal.of("answerNote"));
        }
        if (note.isEmpty() && NOTE_NEEDED.contains(answer.result())) {
            // the other side must learn what was corrected, or why the record is not true
            throw new InvalidInput("note", org.liudong.shared.Refusal.of("answerNoteNeeded"));
        }
        UUID answerId = send(
                id,
                detail.answerType(),
                detail.message().localCounty(),
                detail.message().otherCounty(),
                answer.result(),
                note,
                user.username(),
                user.scope().value());
        return answerId;
    }

    /**
     * Answers a request just applied here without a clerk, as configuration allows (liudong.exchange.auto-answer);
     * the same effects as a clerk's answer, recorded as the system's.
     */
    @Transactional
    UUID answerAutomatically(UUID id, String result, String note) {
        Map<String, Object> row = jdbc.sql("""
                        select type, to_county, from_county from exchange_inbox
                        where message_id = ? and status = 'APPLIED'""").param(id).query().listOfRows().stream()
                .findFirst()
                .orElseThrow(() -> new InvalidInput("id", org.liudong.shared.Refusal.of("answered")));
        MessageType type = MessageType.valueOf((String) row.get("type"));
        MessageType answerType = type.answeredBy()
                .orElseThrow(() -> new InvalidInput("id", org.liudong.shared.Refusal.of("noAnswerAsked")));
        return send(
                id,
                answerType,
                (String) row.get("to_county"),
                (String) row.get("from_county"),
                result,
                note,
                "system:auto-answer",
                (String) row.get("to_county"));
    }

    private UUID send(
            UUID id,
            MessageType answerType,
            String localCounty,
            String otherCounty,
            String result,
            String note,
            String actor,
            String scope) {
        Map<String, Object> request = jdbc.sql("""
                        select subject, envelope from exchange_inbox
                        where message_id = ? and status = 'APPLIED' for update""").param(id).query().listOfRows().stream()
                .findFirst()
                .orElseThrow(() -> new InvalidInput("id", org.liudong.shared.Refusal.of("answered")));
        Envelope envelope = Codec.JSON.readValue((String) request.get("envelope"), Envelope.class);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("result", result);
        payload.put("note", note);
        UUID answerId = outbox.send(new Outbox.Outgoing(
                answerType,
                localCounty,
                otherCounty,
                null,
                (String) request.get("subject"),
                payload,
                id,
                envelope.hash(),
                false));
        jdbc.sql("update exchange_inbox set status = 'ANSWERED', answered_at = now() where message_id = ?")
                .param(id)
                .update();
        audit.append(new AuditTrail.Record(
                clock.instant(),
                actor,
                "EXCHANGE_ANSWERED",
                "exchange-message",
                id.toString(),
                scope,
                null,
                answerType + " " + result));
        events.publishEvent(new ExchangeEvents.MessageAnswered(id, answerId, answerType, localCounty, actor));
        return answerId;
    }

    private static ScopedUser clerk() {
        ScopedUser user = CurrentScope.requireUser();
        if (!user.roleNames().contains(Role.EXCHANGE_CLERK.name())
                && !user.roleNames().contains(Role.DISTRICT_OFFICER.name())) {
            throw new AccessDeniedException("Only exchange clerks and district officers use the exchange");
        }
        return user;
    }

    private static final String INBOX = """
            select message_id, type, to_county, from_county, status, received_at, due, answered_at
            from exchange_inbox where status <> 'FORWARDED' and type <> 'RECEIPT'""";

    private static final String OUTBOX = """
            select message_id, type, from_county, to_county, status, created_at, due, answered_at, last_error
            from exchange_outbox where not forwarded and type <> 'RECEIPT'""";

    private MessageView inbound(ResultSet rs, int row) throws SQLException {
        MessageType type = MessageType.valueOf(rs.getString("type"));
        String stored = rs.getString("status");
        String status = switch (stored) {
            case "WAITING" -> "WAITING";
            case "ANSWERED" -> "ANSWERED";
            default -> type.answeredBy().isPresent() ? "TO_ANSWER" : "RECEIVED";
        };
        LocalDate due = date(rs, "due");
        return new MessageView(
                rs.getObject("message_id", UUID.class),
                "in",
                type,
                rs.getString("to_county"),
                rs.getString("from_county"),
                status,
                rs.getTimestamp("received_at").toInstant(),
                due,
                due != null && !status.equals("ANSWERED") && due.isBefore(today()),
                instant(rs, "answered_at"),
                null);
    }

    private MessageView outbound(ResultSet rs, int row) throws SQLException {
        MessageType type = MessageType.valueOf(rs.getString("type"));
        String status = rs.getString("status").equals("DEAD") ? "FAILED" : rs.getString("status");
        LocalDate due = date(rs, "due");
        return new MessageView(
                rs.getObject("message_id", UUID.class),
                "out",
                type,
                rs.getString("from_county"),
                rs.getString("to_county"),
                status,
                rs.getTimestamp("created_at").toInstant(),
                due,
                due != null && !status.equals("ANSWERED") && due.isBefore(today()),
                instant(rs, "answered_at"),
                rs.getString("last_error"));
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), Outbox.CHINA);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> content(String payload) {
        return payload == null ? Map.of() : Codec.JSON.readValue(payload, LinkedHashMap.class);
    }

    private static LocalDate date(ResultSet rs, String column) throws SQLException {
        java.sql.Date date = rs.getDate(column);
        return date == null ? null : date.toLocalDate();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        java.sql.Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
