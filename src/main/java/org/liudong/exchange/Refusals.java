package org.liudong.exchange;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/** Logs, counts and stores every refused envelope, in a transaction of its own. */
@Component
class Refusals {

    private static final Logger log = LoggerFactory.getLogger(Refusals.class);

    private final JdbcClient jdbc;
    private final ObjectProvider<MeterRegistry> meters;

    Refusals(JdbcClient jdbc, ObjectProvider<MeterRegistry> meters) {
        this.jdbc = jdbc;
        this.meters = meters;
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    void record(ExchangeRefused refusal, Envelope envelope) {
        String sender = null;
        String messageId = null;
        if (envelope != null) {
            try {
                JsonNode header = Codec.JSON.readTree(
                        new String(Codec.unb64(envelope.protectedHeader()), StandardCharsets.UTF_8));
                sender = clip(header.path("from").asString(null));
                messageId = clip(header.path("id").asString(null));
            } catch (RuntimeException e) {
                // an unreadable header is itself the reason; nothing more to record
            }
        }
        log.warn(
                "Exchange envelope refused: {} ({}) from {} message {}",
                refusal.reason(),
                refusal.getMessage(),
                sender,
                messageId);
        jdbc.sql("insert into exchange_refusal (sender_node, message_id, reason, detail) values (?, ?, ?, ?)")
                .params(sender, messageId, refusal.reason(), clip(refusal.getMessage()))
                .update();
        meters.ifAvailable(registry -> registry.counter("liudong.exchange.refused", "reason", refusal.reason())
                .increment());
    }

    private static String clip(String text) {
        return text == null || text.length() <= 200 ? text : text.substring(0, 200);
    }
}
