package org.liudong.exchange;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The kinds of exchange message (PRODUCT §3.8). A request names the type that answers it; an inflow notice is
 * answered by a change notice in which the home area confirms or corrects the person's record.
 */
public enum MessageType {
    INFLOW_NOTICE("CHANGE_NOTICE"),
    OUTFLOW_NOTICE(null),
    CHANGE_NOTICE(null),
    QUERY("QUERY_ANSWER"),
    QUERY_ANSWER(null),
    ASSIST_REQUEST("ASSIST_FEEDBACK"),
    ASSIST_FEEDBACK(null),
    CERTIFICATE_VERIFY("CERTIFICATE_ANSWER"),
    CERTIFICATE_ANSWER(null),
    CONTRACEPTION_REPORT(null),
    FIRST_CHILD_VERIFY("FIRST_CHILD_ANSWER"),
    FIRST_CHILD_ANSWER(null),
    BIRTH_NOTICE("ASSIST_FEEDBACK"),
    RECEIPT(null),
    /** A county's own scorecard of the two-way assessment (双向考核), sent to a partner each period. */
    SCORECARD(null),
    /** Marks an answer received as disputed (有异议), with a reason; quotes the answer like a receipt. */
    DISPUTE(null);

    private static final Map<MessageType, MessageType> ANSWERED_BY = new EnumMap<>(MessageType.class);
    private static final Set<MessageType> ANSWERS = EnumSet.noneOf(MessageType.class);

    static {
        // worked out once: the assessment asks these of every message of a county's years
        for (MessageType type : values()) {
            if (type.answer != null) {
                ANSWERED_BY.put(type, valueOf(type.answer));
                ANSWERS.add(valueOf(type.answer));
            }
        }
    }

    private final String answer;

    MessageType(String answer) {
        this.answer = answer;
    }

    /** The type that answers this one, if this one asks for an answer. */
    public Optional<MessageType> answeredBy() {
        return Optional.ofNullable(ANSWERED_BY.get(this));
    }

    /** Whether this type can answer a request (it is some request's answer type). */
    public boolean isAnswer() {
        return ANSWERS.contains(this);
    }

    /** Receipts and scorecards carry no personal data; everything else does and is encrypted for the recipient. */
    public boolean personal() {
        return this != RECEIPT && this != SCORECARD;
    }

    /** Whether a message of this type is about one person (its header names the person's pseudonym). */
    public boolean aboutPerson() {
        return this != RECEIPT && this != SCORECARD;
    }

    static Optional<MessageType> parse(String name) {
        return Arrays.stream(values()).filter(t -> t.name().equals(name)).findFirst();
    }
}
