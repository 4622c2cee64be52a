package org.liudong.audit;

import org.liudong.audit.AuditTrail.Record;
import org.liudong.services.ServiceEvents.ActivityServicesRecorded;
import org.liudong.services.ServiceEvents.CatalogueChanged;
import org.liudong.services.ServiceEvents.DueListRead;
import org.liudong.services.ServiceEvents.ServiceCorrected;
import org.liudong.services.ServiceEvents.ServiceProvided;
import org.liudong.services.ServiceEvents.ServicesImported;
import org.liudong.services.ServiceEvents.VisitRecorded;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Records services given and corrected, overrides of refusals, visits and due lists read. */
@Component
class ServiceAuditing {

    private final AuditTrail trail;

    ServiceAuditing(AuditTrail trail) {
        this.trail = trail;
    }

    @EventListener
    void on(ServiceProvided event) {
        boolean overridden = event.overrideNote() != null;
        trail.append(new Record(
                event.at(),
                event.actor(),
                overridden ? "SERVICE_OVERRIDE" : "SERVICE_RECORDED",
                "person",
                String.valueOf(event.personId()),
                event.orgPath(),
                null,
                "service " + event.service() + " on " + event.on() + " record " + event.recordId()
                        + (overridden ? "; override: " + event.overrideNote() : "")));
    }

    @EventListener
    void on(ServiceCorrected event) {
        trail.append(new Record(
                event.at(),
                event.actor(),
                "SERVICE_CORRECTED",
                "person",
                String.valueOf(event.personId()),
                event.orgPath(),
                null,
                "record " + event.recordId() + ": " + event.reason()));
    }

    @EventListener
    void on(VisitRecorded event) {
        trail.append(new Record(
                event.at(),
                event.actor(),
                "SERVICE_VISIT",
                "person",
                String.valueOf(event.personId()),
                event.orgPath(),
                null,
                "service " + event.service() + " not given: " + event.reason()));
    }

    @EventListener
    void on(DueListRead event) {
        trail.append(new Record(
                event.at(),
                event.actor(),
                "DUE_LIST_READ",
                "org-unit",
                event.orgPath(),
                event.orgPath(),
                null,
                event.how() + " " + event.month() + ", " + event.rows() + " rows"));
    }

    @EventListener
    void on(CatalogueChanged event) {
        trail.append(new Record(
                event.at(), event.actor(), "SERVICE_CATALOGUE", "service", event.code(), null, null, event.what()));
    }

    @EventListener
    void on(ActivityServicesRecorded event) {
        trail.append(new Record(
                event.at(),
                event.actor(),
                "SERVICE_FROM_ACTIVITY",
                "site-activity",
                String.valueOf(event.activityId()),
                event.orgPath(),
                null,
                "service " + event.service() + ": " + event.recorded() + " recorded, " + event.ineligible()
                        + " not eligible"));
    }

    @EventListener
    void on(ServicesImported event) {
        trail.append(new Record(
                event.at(),
                event.actor(),
                event.dryRun() ? "SERVICE_IMPORT_DRY_RUN" : "SERVICE_IMPORT",
                "service-import",
                String.valueOf(event.importId()),
                event.orgPath(),
                null,
                event.fileName() + ": " + event.rows() + " rows, " + event.invalid() + " invalid, " + event.applied()
                        + " applied"));
    }
}
