package org.liudong.shared;

/** Checks of digit strings without regular expressions: they run for every field of every imported row. */
public final class Digits {

    private Digits() {}

    /** Whether the text is non-empty and made of ASCII digits only. */
    public static boolean only(String text) {
        return text != null && !text.isEmpty() && only(text, 0, text.length());
    }

    /** Whether the characters from {@code from} (inclusive) to {@code to} (exclusive) are all ASCII digits. */
    public static boolean only(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Whether the text is exactly {@code length} ASCII digits. */
    public static boolean exactly(String text, int length) {
        return text != null && text.length() == length && only(text);
    }
}
