package org.liudong.sites;

import java.util.Random;
import org.liudong.imports.demo.DemoStep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Adds the demo district's service sites, with their organisations, publicity and activities, after the persons. */
@Component
@Order(10)
class SiteDemoStep implements DemoStep {

    private static final Logger log = LoggerFactory.getLogger(SiteDemoStep.class);

    private final SiteDemo sites;
    private final org.liudong.registry.SiteLedger ledger;

    SiteDemoStep(SiteDemo sites, org.liudong.registry.SiteLedger ledger) {
        this.sites = sites;
        this.ledger = ledger;
    }

    @Override
    public String name() {
        return "sites";
    }

    /** The sites and their residents follow from the persons alone. */
    @Override
    public java.util.Set<String> after() {
        return java.util.Set.of();
    }

    @Override
    public void run(Context context) {
        Random random = new Random(context.seed() ^ 0x5173L);
        long begun = System.nanoTime();
        var result = sites.generate("110107", random);
        long generated = System.nanoTime();
        // the persons came first: place most of each site's estimated headcount at it, so that the ledger item
        // of the four ones is met at some sites and missed at others
        var placements = new java.util.ArrayList<org.liudong.registry.SiteLedger.Placement>();
        for (var site : result.byCommunity().values().stream()
                .flatMap(java.util.List::stream)
                .toList()) {
            double share = 0.75 + random.nextDouble() * 0.35;
            placements.add(new org.liudong.registry.SiteLedger.Placement(site.id(), site.communityCode(), (int)
                    Math.round(site.estimatedHeadcount() * share * context.scale())));
        }
        int placed = ledger.placeAtSites(placements);
        log.info(
                "Demo sites: generated in {} ms, {} persons placed at them in {} ms",
                (generated - begun) / 1_000_000,
                placed,
                (System.nanoTime() - generated) / 1_000_000);
        log.info(
                "Demo sites: {} in {} communities",
                result.byCommunity().values().stream()
                        .mapToInt(java.util.List::size)
                        .sum(),
                result.byCommunity().size());
    }
}
