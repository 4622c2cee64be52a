package org.liudong.exchange;

import org.liudong.imports.demo.DemoStep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Adds the demo district's exchange history of 2011–2013 after the persons and the cooperation agreements (whose
 * stricter deadlines apply to it), so that the two-way assessment (双向考核) has data to score.
 */
@Component
@Order(50)
class ExchangeDemoStep implements DemoStep {

    private static final Logger log = LoggerFactory.getLogger(ExchangeDemoStep.class);

    private final ExchangeDemo demo;

    ExchangeDemoStep(ExchangeDemo demo) {
        this.demo = demo;
    }

    @Override
    public String name() {
        return "exchange";
    }

    @Override
    public void run(Context context) {
        ExchangeDemo.Summary summary = demo.generate(context.seed(), context.personIds());
        log.info("Demo exchange: {} messages sent, {} received", summary.outgoing(), summary.incoming());
    }
}
