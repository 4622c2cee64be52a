package org.liudong.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.liudong.shared.CurrentScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Appends to the audit trail and reads it back for auditors, within their scope. */
@Service
public class AuditTrail {

    static final String GENESIS = "0".repeat(64);

    private final JdbcClient jdbc;

    /** The key of the chain's head within a transaction ({@link #head}). */
    private final Object chainKey = new Object();

    AuditTrail(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What to record; {@code occurredAt} is truncated to microseconds, PostgreSQL's precision. */
    public record Record(
            Instant occurredAt,
            String actor,
            String action,
            String targetType,
            String targetId,
            String orgPath,
            String remoteAddress,
            String detail) {

        public Record {
            Objects.requireNonNull(occurredAt, "occurredAt");
            Objects.requireNonNull(action, "action");
            occurredAt = occurredAt.truncatedTo(ChronoUnit.MICROS);
        }
    }

    /**
     * Appends a row, chained to the previous one. Joins the caller's transaction when there is one, so a
     * change and its audit row commit together; a transaction-wide advisory lock keeps the chain linear.
     */
    @Transactional(propagation = Propagation.REQUIRED)
    public void append(Record record) {
        String previous = head();
        String hash = hash(previous, record);
        jdbc.sql("""
                        insert into audit_event (occurred_at, actor, action, target_type, target_id, org_path,
                                                 remote_addr, detail, prev_hash, hash)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        Timestamp.from(record.occurredAt()),
                        record.actor(),
                        record.action(),
                        record.targetType(),
                        record.targetId(),
                        record.orgPath(),
                        record.remoteAddress(),
                        record.detail(),
                        previous,
                        hash)
                .update();
        TransactionSynchronizationManager.bindResource(chainKey, hash);
    }

    /**
     * The chain's last hash, under the trail's lock. The lock is the transaction's until it ends, so nobody
     * else appends meanwhile: the first append of a transaction reads the head from the table, the next ones
     * take it from the transaction (a bulk step that audits a row per person pays one insert a row, not three
     * statements).
     */
    private String head() {
        Object known = TransactionSynchronizationManager.getResource(chainKey);
        if (known != null) {
            TransactionSynchronizationManager.unbindResource(chainKey);
            return (String) known;
        }
        jdbc.sql("select pg_advisory_xact_lock(7001)").query().singleRow();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(chainKey);
            }
        });
        return jdbc.sql("select hash from audit_event order by id desc limit 1")
                .query(String.class)
                .optional()
                .orElse(GENESIS);
    }

    /** A page of the trail, newest first, limited to events in the auditor's scope (or without a place). */
    @PreAuthorize("hasRole('AUDITOR')")
    @Transactional(readOnly = true)
    public List<AuditEntry> search(String action, String actor, int limit, long beforeId) {
        String scope = CurrentScope.requireUser().scope().value();
        return jdbc.sql("""
                        select id, occurred_at, actor, action, target_type, target_id, org_path, remote_addr, detail
                        from audit_event
                        where (org_path is null or org_path like :scope || '%')
                          and (:action = '' or action = :action)
                          and (:actor = '' or actor = :actor)
                          and id < :before
                        order by id desc
                        limit :limit""")
                .param("scope", scope)
                .param("action", action == null ? "" : action)
                .param("actor", actor == null ? "" : actor)
                .param("before", beforeId <= 0 ? Long.MAX_VALUE : beforeId)
                .param("limit", Math.max(1, Math.min(limit, 500)))
                .query((rs, row) -> new AuditEntry(
                        rs.getLong("id"),
                        rs.getTimestamp("occurred_at").toInstant(),
                        rs.getString("actor"),
                        rs.getString("action"),
                        rs.getString("target_type"),
                        rs.getString("target_id"),
                        rs.getString("org_path"),
                        rs.getString("remote_addr"),
                        rs.getString("detail")))
                .list();
    }

    /** The actions recorded so far, for the filter. */
    @PreAuthorize("hasRole('AUDITOR')")
    @Transactional(readOnly = true)
    public List<String> actions() {
        return jdbc.sql("select distinct action from audit_event order by action")
                .query(String.class)
                .list();
    }

    /** Recomputes the whole chain; answers the id of the first row that does not match, if any. */
    @PreAuthorize("hasRole('AUDITOR')")
    @Transactional(readOnly = true)
    public Optional<Long> firstBrokenLink() {
        return verifyChain();
    }

    /**
     * Writes the trail within the auditor's scope as CSV (RFC 4180, cells that a spreadsheet would run as a
     * formula are prefixed with an apostrophe), oldest first, and records the export itself.
     */
    @PreAuthorize("hasRole('AUDITOR')")
    @Transactional
    public void exportCsv(String action, String actor, java.io.Writer out) throws java.io.IOException {
        var user = CurrentScope.requireUser();
        out.write("id,occurred_at,actor,action,target_type,target_id,org_path,remote_addr,detail,hash\r\n");
        var rows = jdbc.sql("""
                        select id, occurred_at, actor, action, target_type, target_id, org_path, remote_addr, detail, hash
                        from audit_event
                        where (org_path is null or org_path like :scope || '%')
                          and (:action = '' or action = :action)
                          and (:actor = '' or actor = :actor)
                        order by id""")
                .param("scope", user.scope().value())
                .param("action", action == null ? "" : action)
                .param("actor", actor == null ? "" : actor)
                .query((rs, n) -> new String[] {
                    rs.getString("id"),
                    rs.getTimestamp("occurred_at").toInstant().toString(),
                    rs.getString("actor"),
                    rs.getString("action"),
                    rs.getString("target_type"),
                    rs.getString("target_id"),
                    rs.getString("org_path"),
                    rs.getString("remote_addr"),
                    rs.getString("detail"),
                    rs.getString("hash")
                })
                .list();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == 0 ? "" : ",").append(csv(row[i]));
            }
            out.write(line.append("\r\n").toString());
        }
        append(new Record(
                Instant.now(),
                user.username(),
                "AUDIT_EXPORTED",
                "audit_event",
                null,
                user.scope().value(),
                null,
                rows.size() + " row(s); action=" + action + " actor=" + actor));
    }

    static String csv(String value) {
        if (value == null) {
            return "";
        }
        String cell = value;
        if (!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0) {
            cell = "'" + cell;
        }
        if (cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")) {
            cell = "\"" + cell.replace("\"", "\"\"") + "\"";
        }
        return cell;
    }

    /** The chain check without a signed-in auditor, for the {@code audit-verify} command. */
    @Transactional(readOnly = true)
    Optional<Long> verifyChain() {
        String[] previous = {GENESIS};
        Long[] broken = {null};
        jdbc.sql("""
                        select id, occurred_at, actor, action, target_type, target_id, org_path, remote_addr, detail,
                               prev_hash, hash
                        from audit_event order by id""").query(rs -> {
            if (broken[0] != null) {
                return;
            }
            Record record = new Record(
                    rs.getTimestamp("occurred_at").toInstant(),
                    rs.getString("actor"),
                    rs.getString("action"),
                    rs.getString("target_type"),
                    rs.getString("target_id"),
                    rs.getString("org_path"),
                    rs.getString("remote_addr"),
                    rs.getString("detail"));
            String expected = hash(previous[0], record);
            if (!previous[0].equals(rs.getString("prev_hash")) || !expected.equals(rs.getString("hash"))) {
                broken[0] = rs.getLong("id");
            }
            previous[0] = rs.getString("hash");
        });
        return Optional.ofNullable(broken[0]);
    }

    static String hash(String previous, Record record) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(previous.getBytes(StandardCharsets.US_ASCII));
            for (String field : new String[] {
                record.occurredAt().toString(),
                record.actor(),
                record.action(),
                record.targetType(),
                record.targetId(),
                record.orgPath(),
                record.remoteAddress(),
                record.detail()
            }) {
                // a unit separator before each field and a marker for null keep the encoding unambiguous
                digest.update((byte) 0x1f);
                digest.update(field == null ? new byte[] {0} : field.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
