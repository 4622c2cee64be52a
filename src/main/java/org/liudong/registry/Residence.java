package org.liudong.registry;

import java.time.LocalDate;
import org.liudong.eligibility.Purpose;

/** Where a person lives from a date on, why they came (流动原因), and the service site if any. */
public record Residence(
        String communityCode,
        String address,
        String housingType,
        LocalDate movedIn,
        Purpose purpose,
        boolean expectsReturn,
        Long siteId) {

    public Residence(
            String communityCode,
            String address,
            String housingType,
            LocalDate movedIn,
            Purpose purpose,
            boolean expectsReturn) {
        this(communityCode, address, housingType, movedIn, purpose, expectsReturn, null);
    }
}
