package org.liudong.operations;

import java.sql.Timestamp;
import org.liudong.shared.ClusterJobs;
import org.liudong.shared.RestoredFromBackup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On the first start after a restore, publishes {@link RestoredFromBackup} (once, on one instance) so that the
 * exchange can run its resend handshake with the peers.
 */
@Component
class RestoreFollowUp {

    private static final Logger log = LoggerFactory.getLogger(RestoreFollowUp.class);

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final ClusterJobs jobs;

    RestoreFollowUp(
            JdbcClient jdbc, ApplicationEventPublisher events, TransactionTemplate transactions, ClusterJobs jobs) {
        this.jdbc = jdbc;
        this.events = events;
        this.transactions = transactions;
        this.jobs = jobs;
    }

    @EventListener(ApplicationReadyEvent.class)
    void afterStart() {
        jobs.runExclusively("restore-follow-up", this::followUp);
    }

    /** Publishes the event for each restore not followed up yet; answers how many. */
    int followUp() {
        record Pending(long id, Timestamp backupCreated, Timestamp restoredAt) {}
        var pending = jdbc.sql("select id, backup_created, restored_at from operations_restore"
                        + " where followed_up_at is null order by id")
                .query((rs, n) -> new Pending(rs.getLong(1), rs.getTimestamp(2), rs.getTimestamp(3)))
                .list();
        for (Pending restore : pending) {
            transactions.executeWithoutResult(tx -> {
                // the exchange runs its resend handshake on this event once this transaction commits
                // (ResyncAfterRestore)
                events.publishEvent(new RestoredFromBackup(
                        restore.id(),
                        restore.backupCreated().toInstant(),
                        restore.restoredAt().toInstant()));
                jdbc.sql("update operations_restore set followed_up_at = now() where id = ?")
                        .param(restore.id())
                        .update();
            });
            log.warn(
                    "Started on a database restored from the backup of {}: RestoredFromBackup published for the exchange's resend",
                    restore.backupCreated().toInstant());
        }
        return pending.size();
    }
}
