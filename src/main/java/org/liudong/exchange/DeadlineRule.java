package org.liudong.exchange;

import java.time.LocalDate;
import java.util.Optional;

/**
 * A stricter deadline than PRODUCT §5.5's default for some messages, e.g. between the members of a cooperation
 * agreement (区域协作). Beans of this type are asked when a message is written to the outbox; the earliest
 * date among the default and every rule's answer is the message's deadline.
 */
public interface DeadlineRule {

    /** The deadline this rule sets for a message sent on {@code sent}, or empty when it does not apply. */
    Optional<LocalDate> due(MessageType type, String fromCounty, String toCounty, LocalDate sent, boolean urgent);

    /**
     * This rule as it stands now, for a caller that asks it many times in a row (a generator writing a hundred
     * thousand messages): the same answers, without a question to the database for each. The default is the rule
     * itself.
     */
    default DeadlineRule snapshot() {
        return this;
    }
}
