package org.liudong.exchange;

import java.util.LinkedHashMap;
import java.util.Map;
import org.liudong.registry.RegistryEvents.PersonMovedOut;
import org.liudong.registry.RegistryEvents.PersonRef;
import org.liudong.registry.RegistryEvents.PersonRegistered;
import org.liudong.shared.OrgPath;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns ledger changes into outbox rows in the ledger's own transaction: registering a floating person under
 * family-planning management (FLOATING_FP) notifies their home county (INFLOW_NOTICE), a move out notifies it
 * again (OUTFLOW_NOTICE). People whose home county this node serves need no message.
 */
@Component
class RegistryListener {

    static final String FLOATING_FP = "FLOATING_FP";

    private final Outbox outbox;
    private final Directory directory;

    RegistryListener(Outbox outbox, Directory directory) {
        this.outbox = outbox;
        this.directory = directory;
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
