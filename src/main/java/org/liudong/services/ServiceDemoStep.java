package org.liudong.services;

import java.util.Arrays;
import java.util.Random;
import java.util.Set;
import org.liudong.imports.demo.DemoStep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Adds the demo district's services of 2011–2013 after the persons. */
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
        // generated before the transaction that stores them, which then holds its locks only while writing
        services.store(services.rows(
                context.seed(),
                new Random(context.seed() ^ 0x5e7L),
                Arrays.stream(context.personIds()).boxed().toList()));
    }

    /** The services follow from the persons alone, not from the sites. */
    @Override
    public Set<String> after() {
        return Set.of();
    }
}
