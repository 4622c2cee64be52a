package org.liudong.audit;

import java.time.Instant;

/** One row of the audit trail as read back. */
public record AuditEntry(
        long id,
        Instant occurredAt,
        String actor,
        String action,
        String targetType,
        String targetId,
        String orgPath,
        String remoteAddress,
        String detail) {}
