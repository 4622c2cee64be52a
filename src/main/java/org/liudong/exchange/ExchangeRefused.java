package org.liudong.exchange;

import org.liudong.shared.DomainException;

/** An envelope refused with a reason; it is logged, counted and never applied. */
public class ExchangeRefused extends DomainException {

    private final String reason;
    private final int status;

    ExchangeRefused(int status, String reason, String message) {
        super(message);
        this.status = status;
        this.reason = reason;
    }

    static ExchangeRefused malformed(String message) {
        return new ExchangeRefused(400, "malformed", message);
    }

    /** A short machine-readable reason such as {@code bad-signature} or {@code expired}. */
    public String reason() {
        return reason;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String type() {
        return "exchange-refused";
    }
}
