package org.liudong.assessment;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A message a figure counts: its id and type, the other county, when its clock started (created or arrival),
 * its deadline, when it was done (sent, checked, answered), its state, and whether it counts in the numerator.
 * States: ON_TIME, LATE, MISSING (deadline passed, not done), PENDING (not done, deadline ahead), ANSWERED,
 * UNANSWERED, ACKNOWLEDGED, NOT_ACKNOWLEDGED, ACCURATE, CORRECTED, DISPUTED, SENT, OVERDUE, NOT_SENT (written
 * here but never left, so outside the denominator).
 */
public record Entry(
        UUID messageId,
        String type,
        String counterpart,
        LocalDate start,
        LocalDate deadline,
        LocalDate done,
        String state,
        boolean counted,
        String note) {}
