package org.liudong.services;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.liudong.eligibility.Reason;
import org.liudong.eligibility.ServiceEligibility;

/**
 * One line of a due list (本月应服务名单): a person due or overdue for a service in the month, since when,
 * why, and the visit that gave nothing if a worker noted one this month.
 */
public record DueItem(
        long personId,
        String name,
        String idNumberMasked,
        String communityCode,
        String service,
        String serviceName,
        LocalDate dueSince,
        boolean overdue,
        String reason,
        LocalDate visitedOn,
        String visitReason,
        List<Reason> why) {

    /** Why the person is due, in the reader's language ({@code reason} is the same in Chinese). */
    public String reasonText(Locale locale) {
        return ServiceEligibility.joined(why, locale);
    }
}
