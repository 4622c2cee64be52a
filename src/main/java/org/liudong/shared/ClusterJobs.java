package org.liudong.shared;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
