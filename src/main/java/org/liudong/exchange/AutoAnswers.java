package org.liudong.exchange;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.liudong.registry.PersonRefs;
import org.liudong.registry.RegistryEvents.PersonRef;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Answers verification requests from the ledger without a clerk, for the types configuration names
 * ({@code liudong.exchange.auto-answer=QUERY,CERTIFICATE_VERIFY}; none by default): CONFIRMED with the person's
 * ledger status when the ID number is on this ledger, UNKNOWN when it is not. The answer is written in the
 * transaction that applies the request, so it exists exactly when the request does.
 */
@Component
class AutoAnswers {

    /** Requests an answer can be read from the ledger for; other types always wait for a clerk. */
    static final Set<MessageType> ANSWERABLE =
            EnumSet.of(MessageType.QUERY, MessageType.CERTIFICATE_VERIFY, MessageType.FIRST_CHILD_VERIFY);

    private final Set<MessageType> enabled;
    private final JdbcClient jdbc;
    private final PersonRefs persons;
    private final ExchangeWork work;

    AutoAnswers(
            @Value("${liudong.exchange.auto-answer:}") List<String> types,
            JdbcClient jdbc,
            PersonRefs persons,
            ExchangeWork work) {
        this.enabled = EnumSet.noneOf(MessageType.class);
        for (String type : types) {
            if (type.isBlank()) {
                continue;
            }
            MessageType parsed = MessageType.parse(type.strip())
                    .filter(ANSWERABLE::contains)
                    .orElseThrow(() -> new IllegalArgumentException(
                            "liudong.exchange.auto-answer: " + type + " is not one of " + ANSWERABLE));
            enabled.add(parsed);
        }
        this.jdbc = jdbc;
        this.persons = persons;
        this.work = work;
    }

    @EventListener
    void on(ExchangeEvents.MessageApplied applied) {
        if (!enabled.contains(applied.type())) {
            return;
        }
        String payload = jdbc.sql("""
                        select payload::text from exchange_inbox
                        where message_id = ? and to_county = ? and status = 'APPLIED'""")
                .params(applied.messageId(), applied.toCounty())
                .query(String.class)
                .optional()
                .orElse(null);
        if (payload == null) {
            return;
        }
        JsonNode json = Codec.JSON.readTree(payload);
        PersonRef person =
                persons.byIdNumber(json.path("idNumber").asString("")).orElse(null);
        if (person == null) {
            work.answerAutomatically(applied.messageId(), "UNKNOWN", "自动答复：本地台帐无此人");
        } else {
            work.answerAutomatically(applied.messageId(), "CONFIRMED", "自动答复：本地台帐有此人");
        }
    }
}
