package org.liudong.shared;

import java.time.Instant;

/**
 * Published once, on the first start after a restore, when the database was loaded from a backup taken at
 * {@code backupCreated}: messages sent or received after that are not in it. The exchange answers with its
 * resend handshake (peers resend what this node lacks; this node resends what they lack).
 */
public record RestoredFromBackup(long restoreId, Instant backupCreated, Instant restoredAt) {}
