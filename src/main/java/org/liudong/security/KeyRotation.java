package org.liudong.security;

import java.util.List;
import org.liudong.shared.ClusterJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Re-encrypts, in the background and in small batches, every value of the registered
 * {@link EncryptedColumn}s that an older key of the ring made. Old keys stay in the ring until
 * {@link #pending()} is zero; then they can be removed from the configuration or key file.
 */
@Service
public class KeyRotation {

    private static final Logger log = LoggerFactory.getLogger(KeyRotation.class);
    static final int BATCH = 500;

    private final JdbcClient jdbc;
    private final FieldEncryption encryption;
    private final List<EncryptedColumn> columns;
    private final ClusterJobs jobs;

    KeyRotation(JdbcClient jdbc, FieldEncryption encryption, List<EncryptedColumn> columns, ClusterJobs jobs) {
        this.jdbc = jdbc;
        this.encryption = encryption;
        this.columns = List.copyOf(columns);
        this.jobs = jobs;
    }

    /** Values still under an older key, over all registered columns. */
    public long pending() {
        return columns.stream().mapToLong(this::pending).sum();
    }

    long pending(EncryptedColumn column) {
        return jdbc.sql("select count(*) from " + column.table() + " where " + column.column() + " is not null and "
                        + column.column() + " not like :prefix")
                .param("prefix", currentPrefix())
                .query(Long.class)
                .single();
    }

    /** Runs every 10 minutes (configurable); does nothing when no value needs a new key. */
    @Scheduled(
            initialDelayString = "${liudong.crypto.reencrypt-initial-delay:PT2M}",
            fixedDelayString = "${liudong.crypto.reencrypt-interval:PT10M}")
    void inBackground() {
        // one instance at a time: the others' batches would only contend for the same rows
        jobs.runExclusively("reencrypt-fields", () -> {
            long done = reencryptAll();
            if (done > 0) {
                log.info("Re-encrypted {} field value(s) with key {}", done, encryption.currentKeyId());
            }
        });
    }

    /** Re-encrypts everything pending; answers how many values changed. */
    public long reencryptAll() {
        long total = 0;
        for (EncryptedColumn column : columns) {
            int batch;
            do {
                batch = reencryptBatch(column, BATCH);
                total += batch;
            } while (batch > 0);
        }
        return total;
    }

    /**
     * One batch of one column. Each row is updated only if it still holds the ciphertext read, so a
     * concurrent change by the application is never overwritten.
     */
    int reencryptBatch(EncryptedColumn column, int size) {
        record Row(Object id, String value) {}
        var rows = jdbc.sql("select " + column.idColumn() + ", " + column.column() + " from " + column.table()
                        + " where " + column.column() + " is not null and " + column.column()
                        + " not like :prefix order by " + column.idColumn() + " limit :size")
                .param("prefix", currentPrefix())
                .param("size", size)
                .query((rs, n) -> new Row(rs.getObject(1), rs.getString(2)))
                .list();
        int changed = 0;
        for (Row row : rows) {
            if (!encryption.needsReencryption(row.value())) {
                continue;
            }
            String fresh = encryption.encrypt(encryption.decrypt(row.value()));
            changed += jdbc.sql("update " + column.table() + " set " + column.column() + " = :fresh where "
                            + column.idColumn() + " = :id and " + column.column() + " = :old")
                    .param("fresh", fresh)
                    .param("id", row.id())
                    .param("old", row.value())
                    .update();
        }
        return changed;
    }

    private String currentPrefix() {
        return "v1:" + encryption.currentKeyId() + ":%";
    }
}
