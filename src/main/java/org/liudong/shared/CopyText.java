package org.liudong.shared;

/**
 * Values in PostgreSQL's {@code COPY} text format (the default of {@code COPY … FROM STDIN}): {@code \N} for null,
 * {@code t} and {@code f} for booleans, a backslash before a backslash, tab, newline or carriage return, and every
 * other value as its {@code toString()}. Bulk writers build their lines with it, one value after another.
 */
public final class CopyText {

    private CopyText() {}

    /** Appends {@code value} to {@code out} as a {@code COPY} text field; answers {@code out}. */
    public static StringBuilder append(StringBuilder out, Object value) {
        if (value == null) {
            return out.append("\\N");
        }
        String text = value instanceof Boolean b ? (b ? "t" : "f") : value.toString();
        int first = 0;
        while (first < text.length() && !needsEscape(text.charAt(first))) {
            first++;
        }
        // most values (hashes, ciphertexts, codes, dates, JSON) have nothing to escape and are copied in one piece
        // (the String overload copies the array; the ranged one copies character by character)
        if (first == text.length()) {
            return out.append(text);
        }
        out.append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out;
    }

    /** Appends the values as one line: fields separated by tabs, ended by a newline; answers {@code out}. */
    public static StringBuilder appendLine(StringBuilder out, Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append('\t');
            }
            append(out, values[i]);
        }
        return out.append('\n');
    }

    private static boolean needsEscape(char c) {
        return c == '\\' || c == '\t' || c == '\n' || c == '\r';
    }
}
