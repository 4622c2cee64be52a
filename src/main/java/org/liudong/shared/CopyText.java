package org.liudong.shared;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.springframework.jdbc.datasource.DataSourceUtils;

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

    /**
     * Writes {@code rows} by one {@code copySql} ({@code COPY … FROM STDIN}) on the current transaction's connection,
     * each row's {@code fields} as a line, encoded as it is built: no text of all the rows is ever held at once.
     */
    public static <T> void write(DataSource dataSource, String copySql, List<T> rows, Function<T, Object[]> fields) {
        if (rows.isEmpty()) {
            return;
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try (var out = new PGCopyOutputStream(connection.unwrap(PGConnection.class), copySql, 1 << 16);
                var writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder(256);
            for (T row : rows) {
                line.setLength(0);
                writer.append(appendLine(line, fields.apply(row)));
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Copying rows failed: " + copySql, e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private static boolean needsEscape(char c) {
        return c == '\\' || c == '\t' || c == '\n' || c == '\r';
    }
}
