package org.liudong.shared;

/**
 * Base of the modules' own exceptions. Each carries an HTTP status for the API's problem+json answer and
 * a message key for pages; the message itself is for logs and API clients and never holds personal data.
 */
public abstract class DomainException extends RuntimeException {

    protected DomainException(String message) {
        super(message);
    }

    public abstract int status();

    /** A short machine-readable name, e.g. {@code division-not-found}. */
    public abstract String type();

    /** Extra members of the problem answer, e.g. the id of an existing record; never personal data. */
    public java.util.Map<String, Object> properties() {
        return java.util.Map.of();
    }
}
