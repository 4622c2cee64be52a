package org.liudong.audit;

import org.liudong.audit.AuditTrail.Record;
import org.liudong.shared.ListExported;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Records the lists taken away as files (the sites, the exchange's messages). */
@Component
class ExportAuditing {

    private final AuditTrail trail;

    ExportAuditing(AuditTrail trail) {
        this.trail = trail;
    }

    @EventListener
    void on(ListExported event) {
        trail.append(new Record(
                event.at(),
                event.actor(),
                "LIST_EXPORTED",
                "list",
                event.list(),
                event.orgPath(),
                null,
                event.rows() + " row(s) as " + event.format() + "; filter " + event.filter()));
    }
}
