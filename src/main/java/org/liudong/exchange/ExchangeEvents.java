package org.liudong.exchange;

import java.time.LocalDate;
import java.util.UUID;

/** Events of the exchange, published in the transaction that applies or answers a message. */
public final class ExchangeEvents {

    private ExchangeEvents() {}

    /** A message from another area was applied here (in order, once); {@code due} is when it needs an answer. */
    public record MessageApplied(
            UUID messageId, MessageType type, String fromCounty, String toCounty, String subject, LocalDate due) {}

    /** A clerk answered a message; the answer is in the outbox. */
    public record MessageAnswered(UUID messageId, UUID answerId, MessageType answerType, String county, String actor) {}

    /** An envelope was refused; it was not applied. */
    public record EnvelopeRefused(String senderNode, String messageId, String reason, String detail) {}
}
