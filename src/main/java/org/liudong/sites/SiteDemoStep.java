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

    SiteDemoStep(SiteDemo sites) {
        this.sites = sites;
    }

    @Override
    public String name() {
        return "sites";
    }

    @Override
    public void run(Context context) {
        var result = sites.generate("110107", new Random(context.seed() ^ 0x5173L));
        log.info(
                "Demo sites: {} in {} communities",
                result.byCommunity().values().stream()
                        .mapToInt(java.util.List::size)
                        .sum(),
                result.byCommunity().size());
    }
}
