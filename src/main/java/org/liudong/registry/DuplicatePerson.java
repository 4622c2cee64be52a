package org.liudong.registry;

import java.util.Map;
import org.liudong.shared.DomainException;

/** The ID number is already on the ledger: the existing record is to be opened instead of a new one. */
public class DuplicatePerson extends DomainException {

    private final long existingId;

    public DuplicatePerson(long existingId) {
        super("This ID number is already on the ledger as person " + existingId);
        this.existingId = existingId;
    }

    public long existingId() {
        return existingId;
    }

    @Override
    public int status() {
        return 409;
    }

    @Override
    public String type() {
        return "duplicate-person";
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("existingId", existingId);
    }
}
