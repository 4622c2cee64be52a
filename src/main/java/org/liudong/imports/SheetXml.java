package org.liudong.imports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Locale;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.AttributesImpl;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads a worksheet's XML (UTF-8, as Excel, WPS and LibreOffice write it) and tells a SAX handler its elements,
 * attributes and text, as the JDK's parser does with namespaces off, at about four times its speed: the JDK's parser
 * took 85% of the reading thread of an xlsx import (1.5 s of 212,000 rows), most of it in general machinery a sheet
 * does not use. What it does not handle it refuses as a broken file: a document type declaration (refused by the
 * import's SAX parser too), a reference to an entity other than the five predefined ones and character references,
 * bytes that are not UTF-8, an end tag that does not close the open element, and a document that ends inside an
 * element. A sheet in another encoding goes to the JDK's parser ({@link #readsUtf8}). {@code SheetXmlTests} holds
 * the two to the same events.
 *
 * <p>Text is reported with line ends as XML reads them (CR LF and a lone CR as LF) and may come in several calls,
 * as SAX allows; attribute values have their white space turned into spaces.
 */
final class SheetXml {

    private static final int SIZE = 1 << 16;

    private final InputStream in;
    private final DefaultHandler handler;
    private final byte[] buffer = new byte[SIZE];
    private int at;
    private int end;
    private char[] text = new char[1024];
    private int textLength;
    private final byte[] name = new byte[256];
    private final AttributesImpl attributes = new AttributesImpl();
    private final Deque<String> open = new ArrayDeque<>();
    private static final int NAME_SLOTS = 128;
    private final String[] knownNames = new String[NAME_SLOTS];
    private final byte[][] knownBytes = new byte[NAME_SLOTS][];
    private int known;
    private static final int VALUE_SLOTS = 256;
    private final byte[][] valueBytes = new byte[VALUE_SLOTS][];
    private final String[] valueTexts = new String[VALUE_SLOTS];
    private int values;

    private SheetXml(InputStream in, DefaultHandler handler) {
        this.in = in;
        this.handler = handler;
    }

    /**
     * Whether a sheet's stream is UTF-8 (no byte-order mark of UTF-16 or 32, no other encoding declared), looked at
     * without taking anything from it: the stream must support {@code mark}.
     */
    static boolean readsUtf8(InputStream in) throws IOException {
        in.mark(512);
        byte[] head = in.readNBytes(512);
        in.reset();
        if (head.length >= 2
                && ((head[0] & 0xFF) == 0xFE || (head[0] & 0xFF) == 0xFF || head[0] == 0 || head[1] == 0)) {
            return false;
        }
        String start = new String(head, StandardCharsets.ISO_8859_1);
        if (start.startsWith("\u00EF\u00BB\u00BF")) {
            start = start.substring(3);
        }
        if (!start.startsWith("<?xml")) {
            return true;
        }
        int close = start.indexOf("?>");
        String declaration = close < 0 ? start : start.substring(0, close);
        int encoding = declaration.indexOf("encoding");
        if (encoding < 0) {
            return true;
        }
        String rest = declaration.substring(encoding + "encoding".length()).replace(" ", "");
        String value = rest.length() > 2 ? rest.substring(2) : "";
        int quote = Math.max(value.indexOf('"'), value.indexOf('\''));
        value = (quote < 0 ? value : value.substring(0, quote)).toUpperCase(Locale.ROOT);
        return value.equals("UTF-8") || value.equals("UTF8");
    }

    /** Reads the whole document, telling {@code handler} what it holds. */
    static void parse(InputStream in, DefaultHandler handler) throws IOException, SAXException {
        new SheetXml(in, handler).document();
    }

    private int next() throws IOException {
        if (at == end) {
            end = in.read(buffer, 0, SIZE);
            at = 0;
            if (end <= 0) {
                end = 0;
                return -1;
            }
        }
        return buffer[at++] & 0xFF;
    }

    private int peek() throws IOException {
        if (at == end) {
            end = in.read(buffer, 0, SIZE);
            at = 0;
            if (end <= 0) {
                end = 0;
                return -1;
            }
        }
        return buffer[at] & 0xFF;
    }

    private static SAXException broken(String why) {
        return new SAXException("Broken sheet XML: " + why);
    }

    private void document() throws IOException, SAXException {
        handler.startDocument();
        boolean first = true;
        int b;
        while ((b = next()) >= 0) {
            if (first && b == 0xEF) {
                if (next() != 0xBB || next() != 0xBF) {
                    throw broken("a byte-order mark cut short");
                }
                first = false;
                continue;
            }
            first = false;
            if (b == '<') {
                flushText();
                markup();
            } else if (b == '&') {
                reference(false);
            } else {
                textByte(b);
                plainText();
            }
        }
        flushText();
        if (!open.isEmpty()) {
            throw broken("the document ends inside <" + open.peek() + ">");
        }
        handler.endDocument();
    }

    /** Takes printable ASCII text up to the next markup, reference or other byte from the buffer at once. */
    private void plainText() {
        int i = at;
        while (i < end) {
            int c = buffer[i];
            if (c < 0x20 || c == '<' || c == '&') {
                break;
            }
            i++;
        }
        int length = i - at;
        if (textLength + length > text.length) {
            text = Arrays.copyOf(text, Math.max(text.length * 2, textLength + length));
        }
        for (int k = at; k < i; k++) {
            text[textLength++] = (char) buffer[k];
        }
        at = i;
    }

    private void markup() throws IOException, SAXException {
        int b = next();
        if (b == '?') {
            skipPast("?>");
        } else if (b == '!') {
            int c = next();
            if (c == '-') {
                if (next() != '-') {
                    throw broken("a comment opened without --");
                }
                skipPast("-->");
            } else if (c == '[') {
                expect("CDATA[");
                cdata();
            } else {
                throw broken("a document type declaration");
            }
        } else if (b == '/') {
            String closed = name(next());
            int c = skipSpace(next());
            if (c != '>') {
                throw broken("an end tag </" + closed + " not closed by >");
            }
            String expected = open.poll();
            if (!closed.equals(expected)) {
                throw broken("</" + closed + "> closes <" + expected + ">");
            }
            handler.endElement("", "", closed);
        } else {
            startTag(b);
        }
    }

    private void startTag(int first) throws IOException, SAXException {
        String element = name(first);
        attributes.clear();
        int b = skipSpace(next());
        while (b != '>' && b != '/') {
            if (b < 0) {
                throw broken("the document ends in <" + element);
            }
            String attribute = name(b);
            if (skipSpace(next()) != '=') {
                throw broken("attribute " + attribute + " of <" + element + "> without =");
            }
            int quote = skipSpace(next());
            if (quote != '"' && quote != '\'') {
                throw broken("attribute " + attribute + " of <" + element + "> not quoted");
            }
            attributes.addAttribute("", "", attribute, "CDATA", attributeValue(quote));
            b = skipSpace(next());
        }
        if (b == '/' && next() != '>') {
            throw broken("<" + element + "/ not closed by >");
        }
        handler.startElement("", "", element, attributes);
        if (b == '/') {
            handler.endElement("", "", element);
        } else {
            open.push(element);
        }
    }

    private static boolean space(int b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    private int skipSpace(int b) throws IOException {
        while (space(b)) {
            b = next();
        }
        return b;
    }

    private static boolean endsName(int b) {
        return b < 0 || space(b) || b == '=' || b == '/' || b == '>' || b == '<';
    }

    /** A name starting with byte {@code b}, up to space, {@code =}, {@code /} or {@code >} (left to be read next). */
    private String name(int b) throws IOException, SAXException {
        if (endsName(b)) {
            throw broken("a tag without a name");
        }
        int length = 0;
        name[length++] = (byte) b;
        while (!endsName(peek())) {
            if (length == name.length) {
                throw broken("a name longer than " + name.length + " bytes");
            }
            name[length++] = (byte) next();
        }
        int slot = slot(name, 0, length) & (NAME_SLOTS - 1);
        for (int probe = 0; probe < NAME_SLOTS; probe++) {
            int i = (slot + probe) & (NAME_SLOTS - 1);
            byte[] candidate = knownBytes[i];
            if (candidate == null) {
                String text = new String(name, 0, length, StandardCharsets.UTF_8);
                if (known < NAME_SLOTS / 2) {
                    knownBytes[i] = Arrays.copyOf(name, length);
                    knownNames[i] = text;
                    known++;
                }
                return text;
            }
            if (same(candidate, name, 0, length)) {
                return knownNames[i];
            }
        }
        return new String(name, 0, length, StandardCharsets.UTF_8);
    }

    /** A value of printable ASCII bytes in the buffer; short ones that do not look like cell references are kept. */
    private String cached(int from, int length) {
        // a type (t="s"), a style (s="12"): kept; a cell reference (r="B7"), a row number (r="2041"): not
        boolean word = length > 0
                && (buffer[from] | 0x20) >= 'a'
                && (buffer[from] | 0x20) <= 'z'
                && (buffer[from + length - 1] < '0' || buffer[from + length - 1] > '9');
        boolean keep = length <= 3 || (length <= 12 && word);
        if (!keep) {
            return new String(buffer, from, length, StandardCharsets.ISO_8859_1);
        }
        int slot = slot(buffer, from, length);
        for (int probe = 0; probe < VALUE_SLOTS; probe++) {
            int i = (slot + probe) & (VALUE_SLOTS - 1);
            byte[] candidate = valueBytes[i];
            if (candidate == null) {
                if (values >= VALUE_SLOTS / 2) {
                    break;
                }
                valueBytes[i] = Arrays.copyOfRange(buffer, from, from + length);
                valueTexts[i] = new String(buffer, from, length, StandardCharsets.ISO_8859_1);
                values++;
                return valueTexts[i];
            }
            if (same(candidate, buffer, from, length)) {
                return valueTexts[i];
            }
        }
        return new String(buffer, from, length, StandardCharsets.ISO_8859_1);
    }

    private static int slot(byte[] bytes, int from, int length) {
        int hash = length;
        for (int i = 0; i < length; i++) {
            hash = hash * 31 + bytes[from + i];
        }
        return (hash ^ (hash >>> 16)) & (VALUE_SLOTS - 1);
    }

    private static boolean same(byte[] candidate, byte[] bytes, int from, int length) {
        if (candidate.length != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (candidate[i] != bytes[from + i]) {
                return false;
            }
        }
        return true;
    }

    private String attributeValue(int quote) throws IOException, SAXException {
        // most values are short printable ASCII within the buffer: taken from it as they are
        for (int i = at; i < end; i++) {
            int c = buffer[i];
            if (c == quote) {
                String value = cached(at, i - at);
                at = i + 1;
                return value;
            }
            if (c < 0x21 || c == '&' || c == '<' || c == '\'' || c == '"') {
                break;
            }
        }
        textLength = 0;
        int b;
        while ((b = next()) != quote) {
            if (b < 0 || b == '<') {
                throw broken("an attribute value not closed");
            }
            if (b == '&') {
                reference(true);
            } else if (space(b)) {
                if (b == '\r' && peek() == '\n') {
                    next();
                }
                append(' ');
            } else {
                textByte(b);
            }
        }
        String value = new String(text, 0, textLength);
        textLength = 0;
        return value;
    }

    private void skipPast(String terminator) throws IOException, SAXException {
        int matched = 0;
        while (matched < terminator.length()) {
            int b = next();
            if (b < 0) {
                throw broken("the document ends before " + terminator);
            }
            matched = b == terminator.charAt(matched) ? matched + 1 : b == terminator.charAt(0) ? 1 : 0;
        }
    }

    private void expect(String rest) throws IOException, SAXException {
        for (int i = 0; i < rest.length(); i++) {
            if (next() != rest.charAt(i)) {
                throw broken("<![" + rest + " expected");
            }
        }
    }

    private void cdata() throws IOException, SAXException {
        int brackets = 0;
        while (true) {
            int b = next();
            if (b < 0) {
                throw broken("the document ends in a CDATA section");
            }
            if (b == '>' && brackets >= 2) {
                // the last two brackets end the section; any before them are its text
                for (; brackets > 2; brackets--) {
                    append(']');
                }
                flushText();
                return;
            }
            if (b == ']') {
                brackets++;
                continue;
            }
            for (; brackets > 0; brackets--) {
                append(']');
            }
            textByte(b);
        }
    }

    /** A reference after {@code &}: one of the five predefined entities or a character reference. */
    private void reference(boolean inAttribute) throws IOException, SAXException {
        StringBuilder ref = new StringBuilder(8);
        int b;
        while ((b = next()) != ';') {
            if (b < 0 || ref.length() > 10) {
                throw broken("a reference &" + ref + " not closed by ;");
            }
            ref.append((char) b);
        }
        String entity = ref.toString();
        switch (entity) {
            case "lt" -> append('<');
            case "gt" -> append('>');
            case "amp" -> append('&');
            case "quot" -> append('"');
            case "apos" -> append('\'');
            default -> {
                if (!entity.startsWith("#") || entity.length() < 2) {
                    throw broken("a reference to an unknown entity &" + entity + ";");
                }
                int code;
                try {
                    code = entity.charAt(1) == 'x'
                            ? Integer.parseInt(entity.substring(2), 16)
                            : Integer.parseInt(entity.substring(1));
                } catch (NumberFormatException e) {
                    throw broken("a character reference &" + entity + ";");
                }
                if (!Character.isValidCodePoint(code) || code == 0) {
                    throw broken("a character reference &" + entity + ";");
                }
                if (Character.isBmpCodePoint(code)) {
                    append((char) code);
                } else {
                    append(Character.highSurrogate(code));
                    append(Character.lowSurrogate(code));
                }
            }
        }
    }

    /** A byte of text: ASCII as it is, the lead byte of a longer UTF-8 sequence with the bytes that follow it. */
    private void textByte(int b) throws IOException, SAXException {
        if (b < 0x80) {
            if (b < 0x20 && b != '\t' && b != '\n' && b != '\r') {
                throw broken("a control character XML does not allow");
            }
            if (b == '\r') {
                if (peek() == '\n') {
                    next();
                }
                append('\n');
            } else {
                append((char) b);
            }
            return;
        }
        int code;
        int more;
        if (b >= 0xC2 && b <= 0xDF) {
            code = b & 0x1F;
            more = 1;
        } else if (b >= 0xE0 && b <= 0xEF) {
            code = b & 0x0F;
            more = 2;
        } else if (b >= 0xF0 && b <= 0xF4) {
            code = b & 0x07;
            more = 3;
        } else {
            throw broken("a byte that is not UTF-8");
        }
        for (int i = 0; i < more; i++) {
            int c = next();
            if ((c & 0xC0) != 0x80) {
                throw broken("a UTF-8 sequence cut short");
            }
            code = (code << 6) | (c & 0x3F);
        }
        if ((more == 2 && (code < 0x800 || (code >= 0xD800 && code <= 0xDFFF)))
                || (more == 3 && (code < 0x10000 || code > 0x10FFFF))) {
            throw broken("a UTF-8 sequence of a character it cannot hold");
        }
        if (Character.isBmpCodePoint(code)) {
            append((char) code);
        } else {
            append(Character.highSurrogate(code));
            append(Character.lowSurrogate(code));
        }
    }

    private void append(char c) {
        if (textLength == text.length) {
            text = Arrays.copyOf(text, text.length * 2);
        }
        text[textLength++] = c;
    }

    private void flushText() throws SAXException {
        if (textLength > 0 && open.isEmpty()) {
            // before and after the root element only white space, which SAX does not report
            for (int i = 0; i < textLength; i++) {
                if (!space(text[i])) {
                    throw broken("text outside the root element");
                }
            }
            textLength = 0;
        }
        if (textLength > 0) {
            handler.characters(text, 0, textLength);
            textLength = 0;
        }
    }
}
