package org.liudong.imports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads a worksheet's XML and reports its elements and text to a SAX handler as the JDK's parser would (names as
 * written, namespaces not resolved, line ends and attribute whitespace normalized, entities and character references
 * replaced), for the one kind of document a worksheet is: UTF-8, with or without a byte order mark, and no document
 * type declaration (refused, as the JDK's parser is told to). On a sheet of 212,000 rows the JDK's parser took most of
 * the xlsx import's reading thread; this one reads the bytes as they come and builds a string only for a name not
 * seen before, an attribute's value and a text.
 *
 * <p>A document in another encoding (a UTF-16 byte order mark, or a declaration naming another) is answered with
 * {@link OtherEncoding} before anything is reported, so that the caller can give it to the JDK's parser. A document
 * that is not well-formed where this reader looks (an element not closed, a closing name that does not match, a
 * broken reference, the end of the file inside a tag) is refused with a {@link SAXException}.
 */
final class SheetXml {

    /** The document is not in UTF-8; nothing was reported. */
    static final class OtherEncoding extends Exception {
        OtherEncoding(String encoding) {
            super("The sheet's XML is in " + encoding + ", not UTF-8");
        }
    }

    private static final int NAMES = 256;

    /**
     * The longest text or attribute value read (a cell holds at most 32,767 characters in Excel), the longest name (the
     * JDK's parser's limit too) and the deepest nesting: a file made to exhaust memory is refused, not read.
     */
    static final int MAX_TEXT = 1 << 20;

    static final int MAX_NAME = 1000;

    static final int MAX_DEPTH = 1000;

    private final InputStream in;
    private final byte[] buffer;
    private int pos;
    private int limit;
    private boolean ended;

    private byte[] name = new byte[32];
    private int nameLength;
    private char[] chars = new char[512];
    private int charCount;
    /** A carriage return just read, so that a line feed after it is dropped (XML's line-end rule). */
    private boolean afterReturn;

    private final byte[][] nameBytes = new byte[NAMES][];
    private final String[] nameTexts = new String[NAMES];
    private int namesKnown;

    private String[] open = new String[16];
    private int depth;
    private final Attrs attrs = new Attrs();

    SheetXml(InputStream in) {
        this(in, 1 << 16);
    }

    SheetXml(InputStream in, int bufferSize) {
        this.in = in;
        this.buffer = new byte[bufferSize];
    }

    /** Reads the whole document, reporting it to {@code handler}. */
    void parse(DefaultHandler handler) throws IOException, SAXException, OtherEncoding {
        start();
        boolean rootSeen = false;
        int b = read();
        while (b >= 0) {
            if (b == '<') {
                flushText(handler);
                b = read();
                if (b == '/') {
                    endTag(handler);
                } else if (b == '?') {
                    skipUntil("?>");
                } else if (b == '!') {
                    markup(handler);
                } else {
                    if (rootSeen && depth == 0) {
                        throw broken("a second root element");
                    }
                    rootSeen = true;
                    startTag(handler, b);
                }
            } else {
                if (depth == 0) {
                    if (!isSpace(b)) {
                        throw broken("text outside the root element");
                    }
                } else {
                    text(b);
                }
            }
            b = read();
        }
        if (!rootSeen || depth > 0) {
            throw broken("the document ends before its root element is closed");
        }
    }

    /** Skips a UTF-8 byte order mark; answers another encoding's mark or declaration. */
    private void start() throws IOException, OtherEncoding {
        // the declaration whole, however few bytes the stream gives at a time
        int wanted = Math.min(buffer.length, 256);
        while (limit < wanted && !ended) {
            int n = in.read(buffer, limit, wanted - limit);
            if (n < 0) {
                ended = true;
            } else {
                limit += n;
            }
        }
        if (!fill()) {
            return;
        }
        int b0 = buffer[pos] & 0xFF;
        if (b0 == 0xFE || b0 == 0xFF || b0 == 0) {
            throw new OtherEncoding("UTF-16 or UTF-32");
        }
        if (b0 == 0xEF) {
            if (read() != 0xEF || read() != 0xBB || read() != 0xBF) {
                throw new OtherEncoding("an unknown encoding");
            }
        }
        if (limit - pos >= 2 && buffer[pos] == '<' && buffer[pos + 1] == 0) {
            throw new OtherEncoding("UTF-16");
        }
        if (limit - pos >= 5 && new String(buffer, pos, 5, StandardCharsets.ISO_8859_1).equals("<?xml")) {
            int end = pos;
            while (end + 1 < limit && !(buffer[end] == '?' && buffer[end + 1] == '>')) {
                end++;
            }
            String declaration = new String(buffer, pos, end - pos, StandardCharsets.ISO_8859_1);
            var encoding = java.util.regex.Pattern.compile("encoding\\s*=\\s*[\"']([^\"']*)[\"']")
                    .matcher(declaration);
            if (encoding.find()) {
                String named = encoding.group(1).toUpperCase(java.util.Locale.ROOT);
                if (!named.equals("UTF-8") && !named.equals("UTF8")) {
                    throw new OtherEncoding(encoding.group(1));
                }
            }
        }
    }

    private int read() throws IOException {
        if (pos == limit && !fill()) {
            return -1;
        }
        return buffer[pos++] & 0xFF;
    }

    private boolean fill() throws IOException {
        if (pos < limit) {
            return true;
        }
        if (ended) {
            return false;
        }
        int n;
        do {
            n = in.read(buffer, 0, buffer.length);
        } while (n == 0);
        if (n < 0) {
            ended = true;
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    private int mustRead() throws IOException, SAXException {
        int b = read();
        if (b < 0) {
            throw broken("the document ends inside a tag");
        }
        return b;
    }

    private static boolean isSpace(int b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    private static boolean endsName(int b) {
        return isSpace(b) || b == '>' || b == '/' || b == '=' || b == '<' || b == '"' || b == '\'';
    }

    /** Reads a name whose first byte is {@code first}; answers the byte after it. */
    private int readName(int first) throws IOException, SAXException {
        nameLength = 0;
        int b = first;
        while (!endsName(b)) {
            if (nameLength == MAX_NAME) {
                throw broken("a name of more than " + MAX_NAME + " bytes");
            }
            if (nameLength == name.length) {
                name = Arrays.copyOf(name, name.length * 2);
            }
            name[nameLength++] = (byte) b;
            b = mustRead();
        }
        if (nameLength == 0) {
            throw broken("a tag without a name");
        }
        return b;
    }

    /** The name just read as a string, the same string each time it recurs. */
    private String nameText() {
        int hash = 0;
        for (int i = 0; i < nameLength; i++) {
            hash = 31 * hash + name[i];
        }
        int slot = hash & (NAMES - 1);
        for (int probes = 0; probes < NAMES; probes++) {
            byte[] known = nameBytes[slot];
            if (known == null) {
                String text = new String(name, 0, nameLength, StandardCharsets.UTF_8);
                if (namesKnown < NAMES / 2) {
                    nameBytes[slot] = Arrays.copyOf(name, nameLength);
                    nameTexts[slot] = text;
                    namesKnown++;
                }
                return text;
            }
            if (known.length == nameLength && Arrays.equals(known, 0, nameLength, name, 0, nameLength)) {
                return nameTexts[slot];
            }
            slot = (slot + 1) & (NAMES - 1);
        }
        return new String(name, 0, nameLength, StandardCharsets.UTF_8);
    }

    private int skipSpace(int b) throws IOException, SAXException {
        while (isSpace(b)) {
            b = mustRead();
        }
        return b;
    }

    private void startTag(DefaultHandler handler, int first) throws IOException, SAXException {
        int b = readName(first);
        String element = nameText();
        attrs.clear();
        b = skipSpace(b);
        while (b != '>' && b != '/') {
            b = readName(b);
            String attribute = nameText();
            b = skipSpace(b);
            if (b != '=') {
                throw broken("attribute " + attribute + " of <" + element + "> without a value");
            }
            int quote = skipSpace(mustRead());
            if (quote != '"' && quote != '\'') {
                throw broken("attribute " + attribute + " of <" + element + "> without quotes");
            }
            charCount = 0;
            afterReturn = false;
            b = mustRead();
            while (b != quote) {
                if (b == '<') {
                    throw broken("'<' in attribute " + attribute + " of <" + element + ">");
                }
                if (b == '&') {
                    reference();
                } else if (isSpace(b)) {
                    // a line end (CR LF, CR or LF) and a tab become one space each
                    if (!(b == '\n' && afterReturn)) {
                        append(' ');
                    }
                    afterReturn = b == '\r';
                    b = mustRead();
                    continue;
                } else {
                    decode(b);
                }
                afterReturn = false;
                b = mustRead();
            }
            attrs.add(attribute, new String(chars, 0, charCount));
            charCount = 0;
            b = mustRead();
            if (!isSpace(b) && b != '>' && b != '/') {
                throw broken("no space between the attributes of <" + element + ">");
            }
            b = skipSpace(b);
        }
        boolean empty = b == '/';
        if (empty && mustRead() != '>') {
            throw broken("'/' not followed by '>' in <" + element + ">");
        }
        handler.startElement("", "", element, attrs);
        if (empty) {
            handler.endElement("", "", element);
        } else {
            if (depth == MAX_DEPTH) {
                throw broken("elements nested more than " + MAX_DEPTH + " deep");
            }
            if (depth == open.length) {
                open = Arrays.copyOf(open, depth * 2);
            }
            open[depth++] = element;
        }
    }

    private void endTag(DefaultHandler handler) throws IOException, SAXException {
        int b = skipSpace(readName(mustRead()));
        String element = nameText();
        if (b != '>') {
            throw broken("</" + element + " not closed by '>'");
        }
        if (depth == 0 || !open[depth - 1].equals(element)) {
            throw broken("</" + element + "> where " + (depth == 0 ? "no element" : "<" + open[depth - 1] + ">")
                    + " is open");
        }
        depth--;
        handler.endElement("", "", element);
    }

    /** After {@code <!}: a comment or a CDATA section; a document type declaration is refused. */
    private void markup(DefaultHandler handler) throws IOException, SAXException {
        int b = mustRead();
        if (b == '-') {
            if (mustRead() != '-') {
                throw broken("a broken comment");
            }
            skipUntil("-->");
        } else if (b == '[') {
            for (char c : "CDATA[".toCharArray()) {
                if (mustRead() != c) {
                    throw broken("a broken CDATA section");
                }
            }
            if (depth == 0) {
                throw broken("a CDATA section outside the root element");
            }
            // the section's text as it stands, but for line ends; "]]>" ends it
            int brackets = 0;
            while (true) {
                b = mustRead();
                if (b == '>' && brackets >= 2) {
                    charCount -= 2;
                    break;
                }
                brackets = b == ']' ? brackets + 1 : 0;
                text(b, false);
            }
            flushText(handler);
        } else {
            throw broken("a document type declaration, which a sheet may not have");
        }
    }

    private void skipUntil(String end) throws IOException, SAXException {
        int matched = 0;
        while (matched < end.length()) {
            int b = mustRead();
            if (b == end.charAt(matched)) {
                matched++;
            } else {
                matched = b == end.charAt(0) ? 1 : 0;
            }
        }
    }

    /** A byte of text whose first byte is {@code b}: a reference, a line end or a character. */
    private void text(int b) throws IOException, SAXException {
        text(b, true);
    }

    private void text(int b, boolean references) throws IOException, SAXException {
        if (b == '&' && references) {
            reference();
            afterReturn = false;
        } else if (b == '\r') {
            append('\n');
            afterReturn = true;
        } else if (b == '\n') {
            if (!afterReturn) {
                append('\n');
            }
            afterReturn = false;
        } else {
            decode(b);
            afterReturn = false;
        }
    }

    private void flushText(DefaultHandler handler) throws SAXException {
        if (charCount > 0) {
            handler.characters(chars, 0, charCount);
            charCount = 0;
        }
        afterReturn = false;
    }

    private void append(char c) throws SAXException {
        if (charCount == chars.length) {
            if (charCount >= MAX_TEXT) {
                throw broken("a text of more than " + MAX_TEXT + " characters");
            }
            chars = Arrays.copyOf(chars, chars.length * 2);
        }
        chars[charCount++] = c;
    }

    /** A UTF-8 character whose first byte is {@code b}. */
    private void decode(int b) throws IOException, SAXException {
        if (b < 0x80) {
            append((char) b);
            return;
        }
        int more;
        int code;
        if (b >= 0xF0 && b <= 0xF4) {
            more = 3;
            code = b & 0x07;
        } else if (b >= 0xE0) {
            more = 2;
            code = b & 0x0F;
        } else if (b >= 0xC2 && b < 0xE0) {
            more = 1;
            code = b & 0x1F;
        } else {
            throw broken("a byte that is not UTF-8");
        }
        for (int i = 0; i < more; i++) {
            int next = mustRead();
            if ((next & 0xC0) != 0x80) {
                throw broken("a byte that is not UTF-8");
            }
            code = code << 6 | next & 0x3F;
        }
        codePoint(code, more);
    }

    private void codePoint(int code, int more) throws SAXException {
        boolean overlong = more == 2 && code < 0x800 || more == 3 && code < 0x10000;
        if (overlong || code > 0x10FFFF || code >= 0xD800 && code <= 0xDFFF) {
            throw broken("a byte that is not UTF-8");
        }
        if (code >= 0x10000) {
            append(Character.highSurrogate(code));
            append(Character.lowSurrogate(code));
        } else {
            append((char) code);
        }
    }

    /** After {@code &}: one of the five entities or a character reference. */
    private void reference() throws IOException, SAXException {
        StringBuilder ref = new StringBuilder(8);
        int b = mustRead();
        while (b != ';') {
            if (ref.length() > 10 || b == '<' || b == '&' || isSpace(b)) {
                throw broken("a reference not ended by ';'");
            }
            ref.append((char) b);
            b = mustRead();
        }
        String r = ref.toString();
        switch (r) {
            case "lt" -> append('<');
            case "gt" -> append('>');
            case "amp" -> append('&');
            case "quot" -> append('"');
            case "apos" -> append('\'');
            default -> {
                int code;
                try {
                    if (r.startsWith("#x")) {
                        code = Integer.parseInt(r.substring(2), 16);
                    } else if (r.startsWith("#")) {
                        code = Integer.parseInt(r.substring(1), 10);
                    } else {
                        throw broken("the entity &" + r + "; is not declared");
                    }
                } catch (NumberFormatException e) {
                    throw broken("the character reference &" + r + "; is not a number");
                }
                boolean allowed = code == 0x9
                        || code == 0xA
                        || code == 0xD
                        || code >= 0x20 && code <= 0xD7FF
                        || code >= 0xE000 && code <= 0xFFFD
                        || code >= 0x10000 && code <= 0x10FFFF;
                if (!allowed) {
                    throw broken("the character reference &" + r + "; names no XML character");
                }
                codePoint(code, code >= 0x10000 ? 3 : 0);
            }
        }
    }

    private static SAXException broken(String what) {
        return new SAXException("The sheet's XML is broken: " + what);
    }

    /** The attributes of the element just read, in the order written. */
    private static final class Attrs implements Attributes {

        private String[] names = new String[8];
        private String[] values = new String[8];
        private int count;

        void clear() {
            count = 0;
        }

        void add(String name, String value) {
            if (count == names.length) {
                names = Arrays.copyOf(names, count * 2);
                values = Arrays.copyOf(values, count * 2);
            }
            names[count] = name;
            values[count++] = value;
        }

        @Override
        public int getLength() {
            return count;
        }

        @Override
        public String getURI(int index) {
            return index < count ? "" : null;
        }

        @Override
        public String getLocalName(int index) {
            return index < count ? "" : null;
        }

        @Override
        public String getQName(int index) {
            return index < count ? names[index] : null;
        }

        @Override
        public String getType(int index) {
            return index < count ? "CDATA" : null;
        }

        @Override
        public String getValue(int index) {
            return index < count ? values[index] : null;
        }

        @Override
        public int getIndex(String uri, String localName) {
            return -1;
        }

        @Override
        public int getIndex(String qName) {
            for (int i = 0; i < count; i++) {
                if (names[i].equals(qName)) {
                    return i;
                }
            }
            return -1;
        }

        @Override
        public String getType(String uri, String localName) {
            return null;
        }

        @Override
        public String getType(String qName) {
            return getIndex(qName) < 0 ? null : "CDATA";
        }

        @Override
        public String getValue(String uri, String localName) {
            return null;
        }

        @Override
        public String getValue(String qName) {
            int index = getIndex(qName);
            return index < 0 ? null : values[index];
        }
    }
}
