package org.liudong.shared;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * Rows in PostgreSQL's binary {@code COPY} format ({@code COPY … FROM STDIN WITH (FORMAT binary)}): a header, then
 * per row the number of fields and each field as its length and its bytes (length -1 for null), then a trailer. The
 * server reads such a field with the column type's binary receive function instead of parsing text: a date is four
 * bytes, a timestamp eight, no text is scanned for tabs and backslashes. Each value must be of the Java type that
 * matches its column ({@link Row#value}); a mismatch fails the copy with the server's "incorrect binary data format".
 */
public final class CopyBinary {

    /** What a binary copy starts with: the signature, no flags, no header extension. */
    private static final byte[] HEADER = {
        'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0
    };

    /** What a binary copy ends with: a field count of -1. */
    private static final byte[] TRAILER = {(byte) 0xFF, (byte) 0xFF};

    /** PostgreSQL counts dates and timestamps from 2000-01-01. */
    private static final long EPOCH_2000_DAYS = LocalDate.of(2000, 1, 1).toEpochDay();

    private static final long EPOCH_2000_SECONDS = EPOCH_2000_DAYS * 86_400;

    private CopyBinary() {}

    /** Writes the header. */
    public static void begin(OutputStream out) throws IOException {
        out.write(HEADER);
    }

    /** Writes the trailer. */
    public static void end(OutputStream out) throws IOException {
        out.write(TRAILER);
    }

    /**
     * One row's fields, appended one after another (without the field count, which {@link #write} puts in front, so
     * that a row may be built in two parts: a first field known only to the writer, the others built elsewhere).
     */
    public static final class Row {

        private byte[] bytes;
        private int length;
        private int fields;

        public Row(int capacity) {
            bytes = new byte[capacity];
        }

        /** How many fields the row holds. */
        public int fields() {
            return fields;
        }

        /** A null of any type. */
        public Row nul() {
            room(4);
            putInt(-1);
            fields++;
            return this;
        }

        /** A {@code text}, {@code varchar} or {@code char} value; null for null. */
        public Row text(String value) {
            if (value == null) {
                return nul();
            }
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            field(utf8.length);
            System.arraycopy(utf8, 0, bytes, length, utf8.length);
            length += utf8.length;
            return this;
        }

        /** A {@code date}; null for null. */
        public Row date(LocalDate value) {
            if (value == null) {
                return nul();
            }
            field(4);
            putInt(Math.toIntExact(value.toEpochDay() - EPOCH_2000_DAYS));
            return this;
        }

        /** A {@code timestamp with time zone}, to the microsecond (anything finer is cut); null for null. */
        public Row timestamp(Instant value) {
            if (value == null) {
                return nul();
            }
            field(8);
            putLong((value.getEpochSecond() - EPOCH_2000_SECONDS) * 1_000_000 + value.getNano() / 1_000);
            return this;
        }

        /** An {@code integer}; null for null. */
        public Row int4(Integer value) {
            if (value == null) {
                return nul();
            }
            field(4);
            putInt(value);
            return this;
        }

        /** A {@code bigint}; null for null. */
        public Row int8(Long value) {
            if (value == null) {
                return nul();
            }
            field(8);
            putLong(value);
            return this;
        }

        /** A {@code boolean}; null for null. */
        public Row bool(Boolean value) {
            if (value == null) {
                return nul();
            }
            field(1);
            bytes[length++] = (byte) (value ? 1 : 0);
            return this;
        }

        /**
         * A value by its Java type: a {@link String} as text, a {@link LocalDate} as a date, an {@link Instant} as a
         * timestamp with time zone, an {@link Integer} as an integer, a {@link Long} as a bigint, a {@link Boolean}
         * as a boolean, null as null.
         */
        public Row value(Object value) {
            if (value == null) {
                return nul();
            } else if (value instanceof String s) {
                return text(s);
            } else if (value instanceof LocalDate d) {
                return date(d);
            } else if (value instanceof Instant t) {
                return timestamp(t);
            } else if (value instanceof Integer i) {
                return int4(i);
            } else if (value instanceof Long l) {
                return int8(l);
            } else if (value instanceof Boolean b) {
                return bool(b);
            }
            throw new IllegalArgumentException(
                    "No binary copy of a " + value.getClass().getName() + ": " + value);
        }

        /** The fields' bytes. */
        public byte[] toByteArray() {
            return Arrays.copyOf(bytes, length);
        }

        /** Starts a field of {@code width} bytes: its length, and room for the bytes that follow. */
        private void field(int width) {
            room(4 + width);
            putInt(width);
            fields++;
        }

        private void room(int more) {
            if (length + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
            }
        }

        private void putInt(int v) {
            bytes[length++] = (byte) (v >>> 24);
            bytes[length++] = (byte) (v >>> 16);
            bytes[length++] = (byte) (v >>> 8);
            bytes[length++] = (byte) v;
        }

        private void putLong(long v) {
            putInt((int) (v >>> 32));
            putInt((int) v);
        }
    }

    /**
     * Writes one row whose first field is the bigint {@code first} and whose other {@code fields} fields are
     * {@code rest} (as built by a {@link Row}); {@code scratch} is 14 bytes the caller keeps for it.
     */
    public static void write(OutputStream out, byte[] scratch, long first, int fields, byte[] rest) throws IOException {
        int count = fields + 1;
        scratch[0] = (byte) (count >>> 8);
        scratch[1] = (byte) count;
        scratch[2] = 0;
        scratch[3] = 0;
        scratch[4] = 0;
        scratch[5] = 8;
        for (int i = 0; i < 8; i++) {
            scratch[6 + i] = (byte) (first >>> (56 - 8 * i));
        }
        out.write(scratch, 0, 14);
        out.write(rest);
    }
}
