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
}
