package org.liudong.indicators;

import java.time.Instant;

/** A unit's report for a period: SUBMITTED by the street, then APPROVED (frozen) or RETURNED with a comment. */
public record Report(
        String orgUnit,
        String period,
        String status,
        String comment,
        String submittedBy,
        Instant submittedAt,
        String decidedBy,
        Instant decidedAt) {}
