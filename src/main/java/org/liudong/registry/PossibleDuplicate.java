package org.liudong.registry;

import java.util.List;
import java.util.Map;
import org.liudong.shared.DomainException;

/** Persons with the same name, birth date and household code exist; the user must confirm it is someone else. */
public class PossibleDuplicate extends DomainException {

    private final List<Long> candidates;

    public PossibleDuplicate(List<Long> candidates) {
        super("Persons with the same name, birth date and household code exist: " + candidates);
        this.candidates = List.copyOf(candidates);
    }

    public List<Long> candidates() {
        return candidates;
    }

    @Override
    public int status() {
        return 409;
    }

    @Override
    public String type() {
        return "possible-duplicate";
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("candidates", candidates);
    }
}
