package org.liudong.audit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@code liudong_audit_chain_whole}: 1 when the audit trail's hash chain was whole at the last check, 0 when
 * broken, -1 before the first check; {@code liudong_audit_chain_checked_seconds}: when it was last checked.
 * The check reads the whole trail, so it runs on a schedule (hourly by default), not on each scrape.
 */
@Component
class AuditMetrics implements MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(AuditMetrics.class);

    private final AuditTrail trail;
    private volatile int whole = -1;
    private volatile long checkedAt;

    AuditMetrics(AuditTrail trail) {
        this.trail = trail;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("liudong.audit.chain.whole", () -> whole)
                .description("1 when the audit hash chain was whole at the last check, 0 broken, -1 not yet checked")
                .register(registry);
        Gauge.builder("liudong.audit.chain.checked", () -> checkedAt)
                .description("When the audit hash chain was last checked (epoch seconds)")
                .baseUnit("seconds")
                .register(registry);
    }

    @Scheduled(
            initialDelayString = "${liudong.audit.chain-check-initial-delay:PT1M}",
            fixedDelayString = "${liudong.audit.chain-check-interval:PT1H}")
    void scheduled() {
        check();
    }

    /** Verifies the chain now and updates the gauges; answers whether it is whole. */
    boolean check() {
        var broken = trail.verifyChain();
        whole = broken.isPresent() ? 0 : 1;
        checkedAt = Instant.now().getEpochSecond();
        if (broken.isPresent()) {
            log.error("The audit hash chain is broken at audit_event id {}", broken.get());
        }
        return broken.isEmpty();
    }
}
