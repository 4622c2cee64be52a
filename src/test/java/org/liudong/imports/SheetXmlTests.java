package org.liudong.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.SAXParserFactory;
import org.junit.jupiter.api.Test;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/** The sheet reader tells a handler what the JDK's SAX parser tells it, and refuses what that parser refuses. */
class SheetXmlTests {

    /** Every event, text joined between elements (SAX may split it anywhere). */
    private static final class Recorder extends DefaultHandler {
        final List<String> events = new ArrayList<>();
        private final StringBuilder text = new StringBuilder();

        private void flush() {
            if (!text.isEmpty()) {
                events.add("text " + text);
                text.setLength(0);
            }
        }

        @Override
        public void startElement(String uri, String localName, String name, Attributes attributes) {
            flush();
            StringBuilder event = new StringBuilder("start " + name);
            for (int i = 0; i < attributes.getLength(); i++) {
                event.append(' ')
                        .append(attributes.getQName(i))
                        .append("=[")
                        .append(attributes.getValue(i))
                        .append(']');
            }
            events.add(event.toString());
        }

        @Override
        public void endElement(String uri, String localName, String name) {
            flush();
            events.add("end " + name);
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            text.append(ch, start, length);
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

    private static List<String> own(byte[] xml) throws Exception {
        Recorder recorder = new Recorder();
        var in = new BufferedInputStream(new ByteArrayInputStream(xml));
        assertThat(SheetXml.readsUtf8(in)).isTrue();
        SheetXml.parse(in, recorder);
        return recorder.events;
    }

    /** The same events; else the first that differs, with what came before it. */
    private static void sameEvents(List<String> own, List<String> jdk) {
        int i = 0;
        while (i < own.size() && i < jdk.size() && own.get(i).equals(jdk.get(i))) {
            i++;
        }
        int from = Math.max(0, i - 3);
        assertThat(own.subList(from, Math.min(own.size(), i + 2)))
                .as("events from %d", from)
                .isEqualTo(jdk.subList(from, Math.min(jdk.size(), i + 2)));
        assertThat(own).hasSameSizeAs(jdk);
    }

    private static byte[] utf8(String xml) {
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aSheetOfEveryKindOfCellGivesTheJdkParsersEvents() throws Exception {
        StringBuilder rows = new StringBuilder();
        for (int r = 1; r <= 5_000; r++) {
            rows.append("<row r=\"")
                    .append(r)
                    .append("\" spans='1:4'>")
                    .append("<c r=\"A")
                    .append(r)
                    .append("\" t=\"inlineStr\"><is><t xml:space=\"preserve\"> 张三 ")
                    .append(r)
                    .append(" </t></is></c>")
                    .append("<c r=\"B")
                    .append(r)
                    .append("\" s=\"3\"><v>")
                    .append(40_000 + r)
                    .append("</v></c>")
                    .append("<c r=\"C")
                    .append(r)
                    .append("\" t=\"s\"><v>")
                    .append(r % 7)
                    .append("</v></c>")
                    .append("<c r=\"D")
                    .append(r)
                    .append("\"><f>SUM(B1:B2)</f><v>3</v></c>")
                    .append("<c r=\"E")
                    .append(r)
                    .append("\"/>")
                    .append("</row>\n");
        }
        String xml = "\uFEFF<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"
                + "<!-- made by hand -->"
                + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
                + " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                + "<dimension ref=\"A1:E5000\"/><sheetData>" + rows + "</sheetData>"
                + "<mergeCells count=\"1\"><mergeCell ref=\"A2:B3\"/></mergeCells></worksheet>";
        byte[] bytes = utf8(xml);

        List<String> events = own(bytes);

        assertThat(events).hasSizeGreaterThan(100_000);
        sameEvents(events, jdk(bytes));
        assertThat(events).contains("text  张三 17 ", "start c r=[E9]", "start mergeCell ref=[A2:B3]");
    }

    @Test
    void referencesCdataLineEndsAndCharactersBeyondTheBasicPlaneAreReadAsTheJdkReadsThem() throws Exception {
        byte[] bytes =
                utf8("<?xml version=\"1.0\"?><a x=\"1&amp;2 &lt;&gt;&quot;&apos; &#20013;&#x56FD;\" y='a\tb\r\nc'>"
                        + "&amp;&#65;&#x1F600;😀 鲁谷\r\n八角\rC<![CDATA[<b>&amp;]]]]>x]y]]z<b/>"
                        + "<?pi data?><!-- c - d -->tail</a>");

        List<String> events = own(bytes);

        sameEvents(events, jdk(bytes));
        assertThat(events).contains("text &A\uD83D\uDE00\uD83D\uDE00 鲁谷\n八角\nC<b>&amp;]]x]y]]z");
    }

    @Test
    void whatTheJdkParserRefusesIsRefused() throws Exception {
        List<String> broken = List.of(
                "<!DOCTYPE a [<!ENTITY e \"x\">]><a>&e;</a>",
                "<a>&e;</a>",
                "<a><b></a></b>",
                "<a><b>",
                "<a x=1/>",
                "<a x=\"<\"/>",
                "<a>\u0001</a>");
        for (String xml : broken) {
            byte[] bytes = utf8(xml);
            assertThatThrownBy(() -> jdk(bytes)).as("JDK: %s", xml).isInstanceOf(SAXException.class);
            assertThatThrownBy(() -> own(bytes)).as("own: %s", xml).isInstanceOf(SAXException.class);
        }
        byte[] notUtf8 = {'<', 'a', '>', (byte) 0xC3, '(', '<', '/', 'a', '>'};
        assertThatThrownBy(() -> jdk(notUtf8)).isInstanceOf(Exception.class);
        assertThatThrownBy(() -> own(notUtf8)).isInstanceOf(SAXException.class);
    }

    @Test
    void aSheetInAnotherEncodingIsLeftToTheJdkParser() throws Exception {
        byte[] utf16 = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><a/>".getBytes(StandardCharsets.UTF_16);
        byte[] gbk = "<?xml version='1.0' encoding='GBK'?><a>鲁谷</a>".getBytes(java.nio.charset.Charset.forName("GBK"));
        byte[] plain = utf8("<?xml version = \"1.0\" encoding = \"utf-8\"?><a/>");
        byte[] none = utf8("<a/>");

        assertThat(SheetXml.readsUtf8(new BufferedInputStream(new ByteArrayInputStream(utf16))))
                .isFalse();
        assertThat(SheetXml.readsUtf8(new BufferedInputStream(new ByteArrayInputStream(gbk))))
                .isFalse();
        assertThat(SheetXml.readsUtf8(new BufferedInputStream(new ByteArrayInputStream(plain))))
                .isTrue();
        assertThat(SheetXml.readsUtf8(new BufferedInputStream(new ByteArrayInputStream(none))))
                .isTrue();
        assertThat(own(plain)).isEqualTo(jdk(plain));
    }
}
