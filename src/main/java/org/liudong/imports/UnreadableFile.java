package org.liudong.imports;

/** The file as a whole cannot be read; the message says why in Chinese, for the person who uploaded it. */
class UnreadableFile extends RuntimeException {

    UnreadableFile(String message) {
        super(message);
    }

    UnreadableFile(String message, Throwable cause) {
        super(message, cause);
    }
}
