package org.liudong.assessment;

import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a small exchange history straight into the outbox and inbox as a node serving {@code home} would
 * have stored it, with chosen instants; received envelopes carry a protected header with the signed created
 * instant (their signatures are not checked by reads). Remembers every id so that {@link #delete} removes them.
 */
final class ExchangeHistory {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    final List<UUID> ids = new ArrayList<>();

    ExchangeHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(CHINA).toInstant();
    }

    /** A message this node wrote; {@code left} null while it waits. */
    UUID out(
            String type,
            String from,
            String to,
            String created,
            String left,
            String due,
            UUID inReplyTo,
            String subject,
            Map<String, Object> payload) {
        UUID id = UUID.randomUUID();
        ids.add(id);
        jdbc.sql("""
                        insert into exchange_outbox (message_id, type, from_county, to_county, subject, seq, in_reply_to,
                            payload, status, created_at, sent_at, due)
                        values (?, ?, ?, ?, ?, 0, ?, cast(? as jsonb), ?, ?, ?, ?)""")
                .params(
                        id,
                        type,
                        from,
                        to,
                        subject,
                        inReplyTo,
                        JSON.writeValueAsString(payload == null ? Map.of() : payload),
                        left == null ? "PENDING" : "SENT",
                        Timestamp.from(at(created)),
                        left == null ? null : Timestamp.from(at(left)),
                        due == null ? null : Date.valueOf(LocalDate.parse(due)))
                .update();
        return id;
    }

    /** A message this node received (applied) at {@code received}, created by the sender at {@code created}. */
    UUID in(
            String type,
            String from,
            String to,
            String created,
            String received,
            String due,
            UUID inReplyTo,
            String subject,
            Map<String, Object> payload) {
        UUID id = UUID.randomUUID();
        ids.add(id);
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("v", 1);
        header.put("id", id.toString());
        header.put("typ", type);
        header.put("created", at(created).toString());
        String protectedHeader = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(JSON.writeValueAsString(header).getBytes(StandardCharsets.UTF_8));
        String envelope = JSON.writeValueAsString(Map.of("protected", protectedHeader, "payload", "", "signature", ""));
        jdbc.sql("""
                        insert into exchange_inbox (sender_node, message_id, type, from_county, to_county, subject, seq,
                            in_reply_to, envelope, payload, status, due, received_at, applied_at, receipt)
                        values ('test-node', ?, ?, ?, ?, ?, 0, ?, ?, cast(? as jsonb), 'APPLIED', ?, ?, ?, '{}')""")
                .params(
                        id,
                        type,
                        from,
                        to,
                        subject,
                        inReplyTo,
                        envelope,
                        JSON.writeValueAsString(payload == null ? Map.of() : payload),
                        due == null ? null : Date.valueOf(LocalDate.parse(due)),
                        Timestamp.from(at(received)),
                        Timestamp.from(at(received)))
                .update();
        return id;
    }

    static Map<String, Object> person(String sex, String born, String movedIn) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("sex", sex);
        payload.put("birthDate", born);
        payload.put("movedIn", movedIn);
        return payload;
    }

    void delete() {
        if (ids.isEmpty()) {
            return;
        }
        UUID[] all = ids.toArray(UUID[]::new);
        jdbc.sql("delete from exchange_outbox where message_id = any(?)")
                .param(all)
                .update();
        jdbc.sql("delete from exchange_inbox where message_id = any(?)")
                .param(all)
                .update();
        ids.clear();
    }
}
