package org.liudong.imports.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/**
 * {@code --demo} on the command line (with {@code --demo.seed=…}) fills an empty ledger with the demo district;
 * {@code --demo-exchange-partner} (same seed) makes this node the district's partner in the demo network: it gets
 * the partner's side of the demo's exchange history with the counties it serves (see
 * {@link DemoDistrict#generatePartner}), once.
 * As an {@link ApplicationRunner} it only notes the request: the accounts are created on the first start by a
 * listener of {@code ApplicationReadyEvent}, so generation waits for the readiness event that Spring Boot
 * publishes after every {@code ApplicationReadyEvent} listener has run.
 */
@Component
class DemoRunner implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoRunner.class);

    private final DemoDistrict district;
    private final SystemAccount account;
    private final Environment environment;
    private volatile boolean requested;
    private volatile boolean partnerRequested;

    DemoRunner(DemoDistrict district, SystemAccount account, Environment environment) {
        this.district = district;
        this.account = account;
        this.environment = environment;
    }

    @Override
    public void run(ApplicationArguments arguments) {
        requested = arguments.containsOption("demo");
        partnerRequested = arguments.containsOption("demo-exchange-partner");
    }

    @EventListener
    void onReady(AvailabilityChangeEvent<ReadinessState> event) {
        if (event.getState() != ReadinessState.ACCEPTING_TRAFFIC) {
            return;
        }
        long seed = environment.getProperty("demo.seed", Long.class, DemoDistrict.DEFAULT_SEED);
        if (partnerRequested) {
            partnerRequested = false;
            log.info("Generating the demo network partner's side of the exchange history with seed {} …", seed);
            district.generatePartner(seed, 1.0);
        }
        if (!requested) {
            return;
        }
        requested = false;
        if (!district.ledgerIsEmpty()) {
            log.warn("--demo ignored: the ledger already holds persons; the demo district is generated only into an"
                    + " empty ledger");
            return;
        }
        log.info("Generating the demo district Shijingshan 2010–2013 with seed {} as {} …", seed, account.username());
        try {
            DemoDistrict.Result result = district.generateAsDistrictOfficer(seed);
            log.info(
                    "Demo district ready: {} rows ({} refused), {} persons registered in {} s ({} rows/s)",
                    result.rows(),
                    result.rejected(),
                    result.registered(),
                    String.format("%.1f", result.seconds()),
                    String.format("%,.0f", result.rowsPerSecond()));
        } catch (UsernameNotFoundException e) {
            log.error(
                    "--demo needs the district officer account '{}' to write the ledger; it does not exist"
                            + " (set liudong.demo.account to another district officer of 110107)",
                    account.username());
        }
    }
}
