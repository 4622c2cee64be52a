package org.liudong.exchange;

import java.util.Set;
import org.liudong.imports.demo.DemoStep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Adds the demo district's exchange history of 2011–2013 after the persons and the cooperation agreements (whose
 * stricter deadlines apply to it), so that the two-way assessment (双向考核) has data to score. On a partner node
 * of the demo network it adds the partner's side of the same history, once.
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
    public boolean partnerPart() {
        return true;
    }

    /** The history applies the agreements' deadlines; it reads nothing else another step writes. */
    @Override
    public Set<String> after() {
        return Set.of("agreements");
    }

    @Override
    public void run(Context context) {
        if (context.partner() && demo.generated()) {
            log.info("Demo exchange: this node already holds its side of the demo history");
            return;
        }
        ExchangeDemo.Summary summary = context.partner()
                ? demo.mirror(context.seed(), context.scale())
                : demo.generate(context.seed(), context.personIds());
        log.info(
                "Demo exchange: {} messages sent, {} received; answered late on purpose: assistance request {} (by"
                        + " {}), query {} (from {})",
                summary.outgoing(),
                summary.incoming(),
                summary.lateAnswer(),
                summary.lateAnswerFrom(),
                summary.lateQuery(),
                summary.lateQueryFrom());
    }
}
