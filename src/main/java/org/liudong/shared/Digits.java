package org.liudong.shared;

/** Checks of digit strings without regular expressions: they run for every field of every imported row. */
public final class Digits {

    private Digits() {}

    /** Whether the text is non-empty and made of ASCII digits only. */
    public static boolean only(String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
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
