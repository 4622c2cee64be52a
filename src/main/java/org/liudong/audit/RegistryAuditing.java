package org.liudong.audit;

import org.liudong.audit.AuditTrail.Record;
import org.liudong.registry.RegistryEvents.PersonChanged;
import org.liudong.registry.RegistryEvents.PersonMovedOut;
import org.liudong.registry.RegistryEvents.PersonMovedWithin;
import org.liudong.registry.RegistryEvents.PersonRead;
import org.liudong.registry.RegistryEvents.PersonRegistered;
import org.liudong.registry.RegistryEvents.PersonsExported;
import org.liudong.registry.RegistryEvents.PersonsImported;
import org.liudong.registry.RegistryEvents.PersonsMerged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Records every read and change of a person; the rows carry the person's id, never their ID number. */
@Component
class RegistryAuditing {

    private final AuditTrail trail;

    RegistryAuditing(AuditTrail trail) {
        this.trail = trail;
    }

    @EventListener
    void on(PersonRead event) {
        trail.append(new Record(
                event.at(),
                event.actor(),
                "PERSON_READ",
                "person",
                String.valueOf(event.personId()),
                event.orgPath(),
                null,
                event.how()));
    }

    @EventListener
    void on(PersonRegistered event) {
        trail.append(new Record(
                event.at(),
                event.actor(),
                "PERSON_REGISTERED",
                "person",
                String.valueOf(event.person().personId()),
                event.person().orgPath(),
                null,
                "category " + event.category()));
    }

    @EventListener
    void on(PersonChanged event) {
        trail.append(new Record(
                event.at(),
                event.actor(),
                "PERSON_CHANGED",
                "person",
                String.valueOf(event.person().personId()),
                event.person().orgPath(),
                null,
                "fields " + String.join(", ", event.fields())));
    }

    @EventListener
    void on(PersonMovedWithin event) {
        trail.append(new Record(
                event.at(),
                event.actor(),
                "PERSON_MOVED",
                "person",
                String.valueOf(event.person().personId()),
                event.person().orgPath(),
                null,
                event.fromCommunityCode() + " -> " + event.toCommunityCode()));
    }

    @EventListener
    void on(PersonMovedOut event) {
        trail.append(new Record(
                event.at(),
                event.actor(),
                "PERSON_MOVED_OUT",
                "person",
                String.valueOf(event.person().personId()),
                event.person().orgPath(),
                null,
                "destination " + event.destinationCode()));
    }

    @EventListener
    void on(PersonsMerged event) {
        trail.append(new Record(
                event.at(),
                event.actor(),
                "PERSONS_MERGED",
                "person",
                String.valueOf(event.keptId()),
                event.orgPath(),
                null,
                "merged " + event.mergedId() + " into " + event.keptId()));
    }

    @EventListener
    void on(PersonsImported event) {
        trail.append(new Record(
                event.at(),
                event.actor(),
                "PERSONS_IMPORTED",
                "import",
                event.jobRef(),
                event.orgPath(),
                null,
                event.registeredIds().length + " registered, " + event.updated() + " updated"));
    }

    @EventListener
    void on(PersonsExported event) {
        trail.append(new Record(
                event.at(),
                event.actor(),
                "PERSONS_EXPORTED",
                "export",
                event.format(),
                event.orgPath(),
                null,
                event.count() + " persons; filter " + event.filter()));
    }
}
