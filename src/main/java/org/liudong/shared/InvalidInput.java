package org.liudong.shared;

/** Input that cannot be accepted as given; the message says which field and why. */
public class InvalidInput extends DomainException {

    private final String field;

    public InvalidInput(String field, String message) {
        super(message);
        this.field = field;
    }

    public InvalidInput(String field, Refusal refusal) {
        super(refusal);
        this.field = field;
    }

    public String field() {
        return field;
    }

    @Override
    public int status() {
        return 400;
    }

    @Override
    public String type() {
        return "invalid-input";
    }
}
