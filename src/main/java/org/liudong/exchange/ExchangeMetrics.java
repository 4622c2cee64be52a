package org.liudong.exchange;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The exchange's gauges: {@code liudong_exchange_backlog} (outgoing messages not yet sent),
 * {@code liudong_exchange_dead_letters} (given up after the retry period, 死信) and
 * {@code liudong_exchange_overdue} (received items past their due date without an answer). One query per
 * scrape at most every 15 s, whatever the number of gauges and scrapers.
 */
@Component
class ExchangeMetrics implements MeterBinder {

    private static final Duration FRESH = Duration.ofSeconds(15);

    private final JdbcClient jdbc;
    private volatile Counts counts = new Counts(0, 0, 0, 0);

    record Counts(long backlog, long dead, long overdue, long readAt) {}

    ExchangeMetrics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("liudong.exchange.backlog", () -> current().backlog())
                .description("Outgoing exchange messages not yet sent")
                .register(registry);
        Gauge.builder("liudong.exchange.dead.letters", () -> current().dead())
                .description("Outgoing exchange messages given up after the retry period")
                .register(registry);
        Gauge.builder("liudong.exchange.overdue", () -> current().overdue())
                .description("Received exchange items past their due date and not answered")
                .register(registry);
    }

    Counts current() {
        Counts known = counts;
        long now = System.nanoTime();
        if (known.readAt() != 0 && now - known.readAt() < FRESH.toNanos()) {
            return known;
        }
        Counts read = jdbc.sql("""
                        select (select count(*) from exchange_outbox where status = 'PENDING') as backlog,
                               (select count(*) from exchange_outbox where status = 'DEAD') as dead,
                               (select count(*) from exchange_inbox
                                 where status in ('WAITING', 'APPLIED') and due < current_date) as overdue""")
                .query((rs, n) -> new Counts(rs.getLong("backlog"), rs.getLong("dead"), rs.getLong("overdue"), now))
                .single();
        counts = read;
        return read;
    }
}
