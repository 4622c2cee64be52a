package org.liudong.imports;

import org.liudong.shared.Refusal;

/** The file as a whole cannot be read; the message says why in Chinese, for the person who uploaded it. */
class UnreadableFile extends RuntimeException {

    private final transient Refusal refusal;

    UnreadableFile(Refusal refusal) {
        super(refusal.text());
        this.refusal = refusal;
    }

    UnreadableFile(Refusal refusal, Throwable cause) {
        super(refusal.text(), cause);
        this.refusal = refusal;
    }

    /** Why, in any language. */
    Refusal refusal() {
        return refusal;
    }
}
