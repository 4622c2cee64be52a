package org.liudong.shared;

/** Something asked for by its key does not exist. */
public class NotFound extends DomainException {

    private final String type;

    public NotFound(String type, String message) {
        super(message);
        this.type = type;
    }

    @Override
    public int status() {
        return 404;
    }

    @Override
    public String type() {
        return type;
    }
}
