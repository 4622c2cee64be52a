package org.liudong.eligibility;

import java.time.LocalDate;
import java.util.List;

/**
 * Whether a person may have a service on a date, and why (in Chinese); {@code dueSince} is the date from
 * which an eligible person is due for it, or null when nothing is due.
 */
public record ServiceEligibility(String service, boolean eligible, List<String> reasons, LocalDate dueSince) {

    public ServiceEligibility {
        reasons = List.copyOf(reasons);
    }

    public boolean dueBy(LocalDate date) {
        return eligible && dueSince != null && !dueSince.isAfter(date);
    }
}
