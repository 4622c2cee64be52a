package org.liudong.assessment;

import java.time.LocalDate;
import java.util.UUID;

/**
 * Where our measurement of a partner and the partner's own report disagree, message by message:
 * {@code kind} is ONLY_OURS (we count a message they do not), ONLY_THEIRS, or STATE (both count it, with
 * different states, e.g. LATE here and ON_TIME there); with each side's deadline and done date.
 */
public record Difference(
        Measure measure,
        UUID messageId,
        String type,
        String kind,
        String ourState,
        String theirState,
        LocalDate ourDeadline,
        LocalDate theirDeadline,
        LocalDate ourDone,
        LocalDate theirDone) {}
