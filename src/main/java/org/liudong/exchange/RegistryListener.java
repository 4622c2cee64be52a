package org.liudong.exchange;

import java.util.LinkedHashMap;
import java.util.Map;
import org.liudong.registry.PersonRefs;
import org.liudong.registry.RegistryEvents.PersonMovedOut;
import org.liudong.registry.RegistryEvents.PersonRef;
import org.liudong.registry.RegistryEvents.PersonRegistered;
import org.liudong.services.ServiceEvents.ServiceProvided;
import org.liudong.services.ServiceResults;
import org.liudong.shared.OrgPath;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns ledger changes into outbox rows in the ledger's own transaction: registering a floating person under
 * family-planning management (FLOATING_FP) notifies their home county (INFLOW_NOTICE), a move out notifies it
 * again (OUTFLOW_NOTICE), and a pregnancy or IUD check result (孕情环情检查, service B02) recorded in services
 * is reported to it (CONTRACEPTION_REPORT). People whose home county this node serves need no message.
 */
@Component
class RegistryListener {

    static final String FLOATING_FP = "FLOATING_FP";

    /** The pregnancy and IUD check of the service catalogue (eligibility's ServiceRules.PREGNANCY_IUD_CHECK). */
    static final String PREGNANCY_IUD_CHECK = "B02";

    private final Outbox outbox;
    private final Directory directory;
    private final PersonRefs persons;
    private final ServiceResults results;

    RegistryListener(Outbox outbox, Directory directory, PersonRefs persons, ServiceResults results) {
        this.outbox = outbox;
        this.directory = directory;
        this.persons = persons;
        this.results = results;
    }

    /** A check result recorded for a person from elsewhere goes to their home county with the record. */
    @EventListener
    void on(ServiceProvided event) {
        if (!PREGNANCY_IUD_CHECK.equals(event.service())) {
            return;
        }
        PersonRef person = persons.forSystem(event.personId()).orElse(null);
        if (person == null || !fromElsewhere(person)) {
            return;
        }
        Map<String, Object> payload = basics(person);
        payload.put("service", event.service());
        payload.put("checkedOn", String.valueOf(event.on()));
        payload.put("result", results.result(event.recordId()).orElse("UNKNOWN"));
        payload.put("recordId", event.recordId());
        send(MessageType.CONTRACEPTION_REPORT, person, payload);
    }

    @EventListener
    void on(PersonRegistered event) {
        PersonRef person = event.person();
        if (!FLOATING_FP.equals(event.category()) || !fromElsewhere(person)) {
            return;
        }
        Map<String, Object> payload = basics(person);
        payload.put("communityCode", event.communityCode());
        payload.put("movedIn", String.valueOf(event.movedIn()));
        payload.put("category", event.category());
        send(MessageType.INFLOW_NOTICE, person, payload);
    }

    @EventListener
    void on(PersonMovedOut event) {
        PersonRef person = event.person();
        if (!fromElsewhere(person)) {
            return;
        }
        Map<String, Object> payload = basics(person);
        payload.put("movedOut", String.valueOf(event.on()));
        if (event.destinationCode() != null) {
            payload.put("destinationCode", event.destinationCode());
        }
        send(MessageType.OUTFLOW_NOTICE, person, payload);
    }

    private void send(MessageType type, PersonRef person, Map<String, Object> payload) {
        outbox.send(new Outbox.Outgoing(
                type, localCounty(person), homeCounty(person), person.idNumber(), null, payload, null, null, false));
    }

    private boolean fromElsewhere(PersonRef person) {
        return person.householdCode() != null
                && person.householdCode().length() >= 6
                && person.idNumber() != null
                && !directory.servesLocally(homeCounty(person));
    }

    private static String homeCounty(PersonRef person) {
        return person.householdCode().substring(0, 6);
    }

    /** The served county whose subtree holds the person's org path, else this node's first county. */
    private String localCounty(PersonRef person) {
        if (person.orgPath() != null) {
            for (String segment : new OrgPath(person.orgPath()).segments()) {
                if (directory.servesLocally(segment)) {
                    return segment;
                }
            }
        }
        return directory.self().counties().get(0);
    }

    private static Map<String, Object> basics(PersonRef person) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("idNumber", person.idNumber());
        payload.put("name", person.name());
        payload.put("sex", person.sex());
        payload.put("birthDate", String.valueOf(person.birthDate()));
        payload.put("householdCode", person.householdCode());
        return payload;
    }
}
