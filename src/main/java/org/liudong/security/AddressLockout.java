package org.liudong.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Locks a source address for a while after several failed sign-ins in a row, whichever usernames were
 * tried, so that guessing across many accounts is slowed as much as guessing one. Kept in the database so
 * that every server instance sees the same count.
 */
@Component
class AddressLockout {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final int maxFailures;
    private final Duration lockDuration;

    AddressLockout(
            JdbcClient jdbc,
            Clock clock,
            @Value("${liudong.security.lockout.address-failures:5}") int maxFailures,
            @Value("${liudong.security.lockout.duration:15m}") Duration lockDuration) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.lockDuration = lockDuration;
    }

    boolean isLocked(String address) {
        if (address == null) {
            return false;
        }
        return jdbc.sql("select locked_until from sign_in_address where address = ?")
                .param(address)
                .query(Timestamp.class)
                .optional()
                .map(until -> until.toInstant().isAfter(clock.instant()))
                .orElse(false);
    }

    void recordFailure(String address) {
        if (address == null) {
            return;
        }
        var now = clock.instant();
        jdbc.sql("""
                        insert into sign_in_address as a (address, failed_attempts, updated_at) values (:address, 1, :now)
                        on conflict (address) do update
                            set failed_attempts = a.failed_attempts + 1, updated_at = :now""")
                .param("address", address)
                .param("now", Timestamp.from(now))
                .update();
        jdbc.sql("""
                        update sign_in_address set locked_until = :until, failed_attempts = 0
                        where address = :address and failed_attempts >= :max""")
                .param("address", address)
                .param("until", Timestamp.from(now.plus(lockDuration)))
                .param("max", maxFailures)
                .update();
    }

    void recordSuccess(String address) {
        if (address == null) {
            return;
        }
        jdbc.sql("update sign_in_address set failed_attempts = 0 where address = ?")
                .param(address)
                .update();
    }
}
