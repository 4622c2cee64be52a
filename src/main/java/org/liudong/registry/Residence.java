package org.liudong.registry;

import java.time.LocalDate;
import org.liudong.eligibility.Purpose;

/** Where a person lives from a date on, and why they came (流动原因). */
public record Residence(
        String communityCode,
        String address,
        String housingType,
        LocalDate movedIn,
        Purpose purpose,
        boolean expectsReturn) {}
