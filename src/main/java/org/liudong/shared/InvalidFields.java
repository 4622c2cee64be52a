package org.liudong.shared;

import java.util.List;

/**
 * Several fields of one request are wrong; each violation names the field, a stable code and a sentence in
 * Chinese saying why. Nothing of the request was stored.
 */
public class InvalidFields extends DomainException {

    /** One wrong field. */
    public record Violation(String field, String code, String message) {}

    private final List<Violation> violations;

    public InvalidFields(List<Violation> violations) {
        super(describe(violations));
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("InvalidFields needs at least one violation");
        }
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }

    @Override
    public int status() {
        return 400;
    }

    @Override
    public String type() {
        return "invalid-fields";
    }

    private static String describe(List<Violation> violations) {
        return violations.size() + " field(s) invalid: "
                + String.join(", ", violations.stream().map(Violation::field).toList());
    }
}
