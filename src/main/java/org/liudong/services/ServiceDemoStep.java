package org.liudong.services;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.liudong.imports.demo.DemoStep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Adds the demo district's services of 2011–2013 after the persons and the sites. */
@Component
@Order(20)
class ServiceDemoStep implements DemoStep {

    private static final Logger log = LoggerFactory.getLogger(ServiceDemoStep.class);

    private final ServiceDemo services;

    ServiceDemoStep(ServiceDemo services) {
        this.services = services;
    }

    @Override
    public String name() {
        return "services";
    }

    @Override
    public void run(Context context) {
        ahead(context).run();
    }

    /** The services are generated from the persons alone (not from the sites), so they can be while the sites are written. */
    @Override
    public boolean worksAhead() {
        return true;
    }

    @Override
    public Runnable ahead(Context context) {
        List<ServiceDemo.Row> rows = services.rows(
                context.seed(),
                new Random(context.seed() ^ 0x5e7L),
                Arrays.stream(context.personIds()).boxed().toList());
        return () -> services.store(rows);
    }
}
