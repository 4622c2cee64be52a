package org.liudong.shared;

/**
 * Base of the modules' own exceptions. Each carries an HTTP status for the API's problem+json answer and
 * a message key for pages; the message itself is for logs and API clients and never holds personal data.
 */
public abstract class DomainException extends RuntimeException {

    private final Refusal refusal;

    protected DomainException(String message) {
        super(message);
        this.refusal = null;
    }

    /** Refused with a message of {@code i18n/refusals}: in Chinese as the exception's message. */
    protected DomainException(Refusal refusal) {
        super(refusal.text());
        this.refusal = refusal;
    }

    /** The message in the reader's language when it is a {@link Refusal}; else the message as written. */
    public String message(java.util.Locale locale) {
        return refusal == null ? getMessage() : refusal.text(locale);
    }

    /** The refusal this exception says, or null when its message is plain text. */
    public Refusal refusal() {
        return refusal;
    }

    public abstract int status();

    /** A short machine-readable name, e.g. {@code division-not-found}. */
    public abstract String type();

    /** Extra members of the problem answer, e.g. the id of an existing record; never personal data. */
    public java.util.Map<String, Object> properties() {
        return java.util.Map.of();
    }
}
