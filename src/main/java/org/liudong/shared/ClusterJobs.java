package org.liudong.shared;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.concurrent.DelegatingSecurityContextExecutorService;
import org.springframework.stereotype.Component;

/**
 * Runs a scheduled job on one instance at a time when several servers share one database: the job holds a
 * PostgreSQL session advisory lock (建议锁) named after it on a connection of its own while it runs; an
 * instance that finds the lock taken skips that run. A crashed instance's connection closes and frees the lock.
 * Jobs are written to be idempotent (they record how far they got), so a later run on another instance finds
 * nothing left to do rather than doing it twice.
 */
@Component
public class ClusterJobs {

    private static final Logger log = LoggerFactory.getLogger(ClusterJobs.class);

    private final DataSource dataSource;

    public ClusterJobs(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * A background worker that runs an upload's jobs one at a time, in the order queued, on a daemon thread of
     * that name; each job carries the uploader's security context.
     */
    public static ExecutorService worker(String threadName) {
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, threadName);
            thread.setDaemon(true);
            return thread;
        });
        return new DelegatingSecurityContextExecutorService(worker);
    }

    /**
     * Marks the jobs of a job table ({@code status}, {@code message}, {@code message_parts}, {@code finished_at})
     * that a stop left queued or running as FAILED with {@code message}: their transaction never committed. A job whose lock (named
     * {@code lockPrefix} + its id) another instance holds is running there and is left alone. Answers how many.
     */
    public int failInterrupted(String table, String lockPrefix, Refusal message) {
        if (!table.matches("[a-z_]+")) {
            throw new IllegalArgumentException("Not a table name: " + table);
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("update " + table
                        + " set status = 'FAILED', finished_at = now(), message = ?, message_parts = cast(? as jsonb)"
                        + " where status in ('QUEUED', 'RUNNING')"
                        + " and pg_try_advisory_xact_lock(8101, hashtext(? || id))")) {
            statement.setString(1, message.text());
            statement.setString(2, Refusal.toJson(List.of(message)));
            statement.setString(3, lockPrefix);
            int count = statement.executeUpdate();
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            if (count > 0) {
                log.warn("{} job(s) in {} were interrupted by a stop and are marked failed", count, table);
            }
            return count;
        } catch (SQLException e) {
            throw new IllegalStateException("Interrupted jobs in " + table + " not marked", e);
        }
    }

    /** Runs {@code job} if no other instance runs the job of that name now; answers whether it ran here. */
    public boolean runExclusively(String name, Runnable job) {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.getAutoCommit()) {
                connection.setAutoCommit(true);
            }
            if (!lock(connection, "pg_try_advisory_lock", name)) {
                log.debug("Job {} runs on another instance: skipped here", name);
                return false;
            }
            try {
                job.run();
                return true;
            } finally {
                lock(connection, "pg_advisory_unlock", name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not take the cluster lock of job " + name, e);
        }
    }

    private static boolean lock(Connection connection, String function, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select " + function + "(8101, hashtext(?))")) {
            statement.setString(1, name);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
