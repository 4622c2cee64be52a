package org.liudong.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.SAXParserFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The sheet reader reports what the JDK's parser (as the import had it: namespaces not resolved, no document type)
 * reports for the same bytes, whatever buffer the bytes arrive in, and refuses what the JDK's parser refuses.
 */
class SheetXmlTests {

    private static final String SHEET = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><dimension ref="A1:C3"/>\
            <sheetData><row r="1" spans="1:3"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>姓名</t></is>\
            </c><c r="C1" s="2"><v>41000</v></c></row><row r="2"><c r="A2" t="inlineStr"><is><t xml:space="preserve"> \
            a&amp;b &lt;c&gt; &quot;d&quot; &apos;e&apos; &#x4E2D;&#22269; &#x1F600; 𠀀 </t></is></c>\
            <c r="B2"><f>SUM(1,2)</f><v>3</v></c><c r="C2" t='str'><v>x
            y\r
            z\rw</v></c></row>
            <!-- a comment, with <tags> & such -->
            <row r = "3" ht="15"\t x14ac:dyDescent="0.25"><c r="A3" t="inlineStr"><is><t><![CDATA[<raw> & ]] text]]></t>\
            </is></c><c r="B3" t="e"><v>#N/A</v></c><c r="C3" t="b"><v>1</v></c></row></sheetData>
            <mergeCells count="1"><mergeCell ref="A3:B3"/></mergeCells><?pi data?>
            <extLst a="tab\there" b="line
            end"/></worksheet>
            """;

    /** Every event as text: a start with its attributes, an end, and the text between tags joined. */
    private static final class Recorder extends DefaultHandler {
        final List<String> events = new ArrayList<>();
        private final StringBuilder text = new StringBuilder();

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            flush();
            StringBuilder e = new StringBuilder("<" + qName);
            for (int i = 0; i < attributes.getLength(); i++) {
                e.append(' ')
                        .append(attributes.getQName(i))
                        .append("=[")
                        .append(attributes.getValue(i))
                        .append(']');
                assertThat(attributes.getValue(attributes.getQName(i))).isEqualTo(attributes.getValue(i));
            }
            events.add(e.append('>').toString());
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            flush();
            events.add("</" + qName + ">");
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            text.append(ch, start, length);
        }

        private void flush() {
            if (!text.isEmpty()) {
                events.add("text[" + text + "]");
                text.setLength(0);
            }
        }
    }

    private static List<String> jdk(byte[] xml) throws Exception {
        SAXParserFactory factory = SAXParserFactory.newInstance();
        factory.setNamespaceAware(false);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Recorder recorder = new Recorder();
        factory.newSAXParser().parse(new ByteArrayInputStream(xml), recorder);
        return recorder.events;
    }

    private static List<String> ours(byte[] xml, int buffer) throws Exception {
        Recorder recorder = new Recorder();
        new SheetXml(new ByteArrayInputStream(xml), buffer).parse(recorder);
        recorder.flush();
        return recorder.events;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 64, 1 << 16})
    void aSheetIsReportedAsTheJdksParserReportsItInBuffersOfAnySize(int buffer) throws Exception {
        byte[] xml = SHEET.getBytes(StandardCharsets.UTF_8);
        List<String> expected = jdk(xml);

        assertThat(expected)
                .contains("text[ a&b <c> \"d\" 'e' 中国 \uD83D\uDE00 \uD840\uDC00 ]", "text[<raw> & ]] text]");
        assertThat(ours(xml, buffer)).isEqualTo(expected);
        byte[] withMark = ("\uFEFF" + SHEET).getBytes(StandardCharsets.UTF_8);
        assertThat(ours(withMark, buffer)).isEqualTo(jdk(withMark));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "<a><b></a>",
                "<a><b>",
                "<a x=\"1></a>",
                "<a x=1></a>",
                "<a x=\"1\"y=\"2\"></a>",
                "<a>&nbsp;</a>",
                "<a>&#xD800;</a>",
                "<a>&#1;</a>",
                "<a>&amp</a>",
                "<a x=\"<\"></a>",
                "<!DOCTYPE a [<!ENTITY e \"x\">]><a>&e;</a>",
                "<a></a><b></b>",
                "text<a></a>",
                "<a></a>text",
                "",
                "<a/",
                "</a>",
                "<a><![CDATA[x]></a>",
            })
    void whatTheJdksParserRefusesIsRefused(String xml) {
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> jdk(bytes)).as("the JDK's parser").isInstanceOf(SAXException.class);
        assertThatThrownBy(() -> ours(bytes, 1 << 16)).isInstanceOf(SAXException.class);
        assertThatThrownBy(() -> ours(bytes, 1)).isInstanceOf(SAXException.class);
    }

    @org.junit.jupiter.api.Test
    void aFileMadeToExhaustMemoryIsRefusedWhereTheJdksParserWouldReadOn() throws Exception {
        String longest = "中".repeat(SheetXml.MAX_TEXT);
        byte[] fits = ("<a><t>" + longest + "</t></a>").getBytes(StandardCharsets.UTF_8);
        assertThat(ours(fits, 1 << 16)).containsExactly("<a>", "<t>", "text[" + longest + "]", "</t>", "</a>");

        String tooDeep = "<a>".repeat(SheetXml.MAX_DEPTH + 1) + "</a>".repeat(SheetXml.MAX_DEPTH + 1);
        String deepest = "<a>".repeat(SheetXml.MAX_DEPTH) + "</a>".repeat(SheetXml.MAX_DEPTH);
        assertThat(ours(deepest.getBytes(StandardCharsets.UTF_8), 1 << 16)).hasSize(2 * SheetXml.MAX_DEPTH);
        for (String xml : List.of("<a><t>" + longest + "x</t></a>", "<a x=\"" + longest + "x\"/>", tooDeep)) {
            byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
            assertThat(jdk(bytes)).as("the JDK's parser reads it").isNotEmpty();
            assertThatThrownBy(() -> ours(bytes, 1 << 16))
                    .isInstanceOf(SAXException.class)
                    .hasMessageContaining("more than");
        }
    }

    @org.junit.jupiter.api.Test
    void aNameLongerThanTheJdksParserTakesIsRefused() throws Exception {
        byte[] longest = ("<" + "n".repeat(SheetXml.MAX_NAME) + "/>").getBytes(StandardCharsets.UTF_8);
        assertThat(ours(longest, 7)).isEqualTo(jdk(longest));
        byte[] longer = ("<" + "n".repeat(SheetXml.MAX_NAME + 1) + "/>").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> jdk(longer)).isInstanceOf(SAXException.class);
        assertThatThrownBy(() -> ours(longer, 7))
                .isInstanceOf(SAXException.class)
                .hasMessageContaining("more than");
    }

    @org.junit.jupiter.api.Test
    void bytesThatAreNotUtf8AreRefused() {
        byte[] latin = "<a>caf\u00e9</a>".getBytes(StandardCharsets.ISO_8859_1);
        byte[] overlong = {'<', 'a', '>', (byte) 0xC0, (byte) 0xAF, '<', '/', 'a', '>'};
        byte[] surrogate = {'<', 'a', '>', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '<', '/', 'a', '>'};
        for (byte[] xml : List.of(latin, overlong, surrogate)) {
            assertThatThrownBy(() -> ours(xml, 1 << 16))
                    .isInstanceOf(SAXException.class)
                    .hasMessageContaining("not UTF-8");
        }
    }

    @org.junit.jupiter.api.Test
    void aSheetInAnotherEncodingIsLeftToTheJdksParserBeforeAnythingIsReported() throws Exception {
        byte[] utf16 =
                ("\uFEFF<?xml version=\"1.0\" encoding=\"UTF-16\"?><a>中</a>").getBytes(StandardCharsets.UTF_16BE);
        byte[] declared = "<?xml version=\"1.0\" encoding=\"GBK\"?><a>中</a>".getBytes("GBK");
        for (byte[] xml : List.of(utf16, declared)) {
            Recorder recorder = new Recorder();
            assertThatThrownBy(() -> new SheetXml(new ByteArrayInputStream(xml)).parse(recorder))
                    .isInstanceOf(SheetXml.OtherEncoding.class);
            // a stream that gives a byte at a time, as an unpacking stream may
            var trickle = new java.io.FilterInputStream(new ByteArrayInputStream(xml)) {
                @Override
                public int read(byte[] b, int off, int len) throws java.io.IOException {
                    return super.read(b, off, Math.min(len, 1));
                }
            };
            assertThatThrownBy(() -> new SheetXml(trickle).parse(recorder)).isInstanceOf(SheetXml.OtherEncoding.class);
            assertThat(recorder.events).isEmpty();
            assertThat(jdk(xml)).containsExactly("<a>", "text[中]", "</a>");
        }
    }
}
