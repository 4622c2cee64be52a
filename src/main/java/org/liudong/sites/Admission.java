package org.liudong.sites;

import java.time.LocalDate;

/**
 * A site's admission to the programme: applied by the site, checked by the street, admitted by the district
 * (or returned at either step), with the four ones as they were computed at each step.
 */
public record Admission(
        long id,
        long siteId,
        Status status,
        LocalDate appliedOn,
        String appliedBy,
        FourOnes appliedEvidence,
        LocalDate checkedOn,
        String checkedBy,
        FourOnes checkedEvidence,
        LocalDate admittedOn,
        String admittedBy,
        FourOnes admittedEvidence,
        String note) {

    /** Where an admission stands. */
    public enum Status {
        APPLIED,
        CHECKED,
        ADMITTED,
        RETURNED
    }
}
