package org.liudong.exchange;

import org.liudong.shared.RestoredFromBackup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * A node restored from a backup lacks what it received after the backup was taken: once the restore's
 * follow-up has committed, this runs the resend handshake so that its peers send those messages again.
 */
@Component
class ResyncAfterRestore {

    private static final Logger log = LoggerFactory.getLogger(ResyncAfterRestore.class);

    private final ExchangeResync resync;

    ResyncAfterRestore(ExchangeResync resync) {
        this.resync = resync;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(RestoredFromBackup restored) {
        for (ExchangeResync.PeerAnswer answer : resync.resync()) {
            if (answer.error() == null) {
                log.info(
                        "Resend after the restore of the backup of {}: peer {} sends {} messages again",
                        restored.backupCreated(),
                        answer.node(),
                        answer.resent());
            } else {
                log.warn(
                        "Resend after the restore of the backup of {}: peer {} could not be asked: {}",
                        restored.backupCreated(),
                        answer.node(),
                        answer.error());
            }
        }
    }
}
