package org.liudong.services;

import java.time.Instant;
import java.time.LocalDate;

/** A service given to a person, as recorded (and corrected: {@code version} counts the corrections). */
public record ServiceRecord(
        long id,
        long personId,
        String service,
        String serviceName,
        LocalDate providedOn,
        String provider,
        boolean free,
        boolean inPlace,
        String result,
        Integer childOrder,
        LocalDate followUpDue,
        String notes,
        String overrideNote,
        String source,
        String recordedBy,
        Instant recordedAt,
        int version) {}
