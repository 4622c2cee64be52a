package org.liudong.services;

import java.time.LocalDate;

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
        String visitReason) {}
