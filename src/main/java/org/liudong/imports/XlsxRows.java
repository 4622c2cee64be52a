package org.liudong.imports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.liudong.shared.Refusal;
import org.xml.sax.Attributes;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads the first sheet of an .xlsx file as a stream of XML events ({@link SheetXml}; the JDK's SAX parser for a sheet
 * not in UTF-8), one row at a time, never the whole workbook: a parser thread hands rows over a small queue. It
 * reports formulas, numbers in the ID-number column (Excel turned them into floating point and lost the last digits),
 * merged cells and further sheets.
 */
final class XlsxRows implements RowSource {

    private static final SheetRow END = new SheetRow(-1, List.of(), List.of());

    private final OPCPackage pkg;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(1024);
    private final List<Refusal> notes = new ArrayList<>();
    private final Set<Integer> mergedRows = new HashSet<>();
    private final Thread parser;
    private final List<String> header;
    private volatile int idColumn = -1;
    /** The sheet's last row as its {@code dimension} element states it (Excel writes one), or 0 when unknown. */
    private volatile int lastRow;
    /** The sheet's bytes as the parser takes them, and how many there are unpacked (0 when unknown). */
    private final CountingStream sheetBytes;

    private final long sheetSize;
    /** The first sheet's part, read once more when asked whether it has merged cells. */
    private final PackagePart sheetPart;
    /** The number of the last row handed out. */
    private int handedOut;

    private boolean finished;

    XlsxRows(Path file) {
        try {
            pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
        } catch (NotOfficeXmlFileException | InvalidFormatException e) {
            throw new UnreadableFile(Refusal.of("importNotXlsx"), e);
        } catch (Exception e) {
            throw new UnreadableFile(bombOrBroken(e), e);
        }
        InputStream sheet;
        PackagePart part;
        long size;
        ReadOnlySharedStringsTable strings;
        StylesTable styles;
        try {
            XSSFReader reader = new XSSFReader(pkg);
            strings = new ReadOnlySharedStringsTable(pkg);
            styles = reader.getStylesTable();
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
            if (!sheets.hasNext()) {
                throw new UnreadableFile(Refusal.of("importNoSheet"));
            }
            sheet = sheets.next();
            part = sheets.getSheetPart();
            size = Math.max(0, part.getSize());
            String firstName = sheets.getSheetName();
            List<String> others = new ArrayList<>();
            Iterator<InputStream> rest = sheets;
            while (rest.hasNext()) {
                rest.next().close();
                others.add(sheets.getSheetName());
            }
            if (!others.isEmpty()) {
                notes.add(Refusal.of("importOtherSheets", firstName, String.join("、", others)));
            }
        } catch (UnreadableFile e) {
            close();
            throw e;
        } catch (Exception e) {
            close();
            throw new UnreadableFile(bombOrBroken(e), e);
        }
        sheetBytes = new CountingStream(sheet);
        sheetSize = size;
        sheetPart = part;
        parser = new Thread(() -> parse(sheetBytes, strings, styles), "xlsx-import");
        parser.setDaemon(true);
        parser.start();
        SheetRow first = take();
        if (first == null) {
            throw new UnreadableFile(Refusal.of("importEmptySheet"));
        }
        header = first.cells();
    }

    /**
     * The zero-based column of a cell reference such as {@code AB12}: its letters read in base 26. A quarter of
     * the reading thread went to POI's general reference parser, which also handles sheet names and {@code $}.
     */
    static int column(String ref) {
        int column = 0;
        int i = 0;
        while (i < ref.length() && ref.charAt(i) >= 'A' && ref.charAt(i) <= 'Z') {
            column = column * 26 + (ref.charAt(i) - 'A' + 1);
            i++;
        }
        if (i == 0 || i == ref.length() || i > 3) {
            return new CellReference(ref).getCol();
        }
        return column - 1;
    }

    /** Tells the reader which column holds ID numbers, so numeric cells there are reported. */
    void idColumn(int index) {
        idColumn = index;
    }

    @Override
    public List<String> header() {
        return header;
    }

    @Override
    public SheetRow next() {
        return take();
    }

    /**
     * The rows handed out over the rows the sheet says it has. A sheet that does not say (no {@code dimension}
     * element: Excel writes one, some other programs do not) is measured by the share of its unpacked XML the
     * parser has taken, a little ahead of the rows handed out; NaN when neither is known.
     */
    @Override
    public double fractionRead() {
        if (finished) {
            return 1.0;
        }
        int rows = lastRow;
        if (rows > 1) {
            return Math.min(1.0, (double) handedOut / rows);
        }
        return sheetSize == 0 ? Double.NaN : Math.min(1.0, (double) sheetBytes.bytes() / sheetSize);
    }

    @Override
    public List<Refusal> notes() {
        List<Refusal> all = new ArrayList<>(notes);
        if (!mergedRows.isEmpty()) {
            all.add(Refusal.of("importMergedRows", mergedRows.size()));
        }
        return all;
    }

    /**
     * Whether the sheet declares merged cells, which it does after its rows: its XML is unpacked once more and
     * searched for the element's name, without parsing it (about a tenth of the parse's time). A cell whose own text
     * holds the name only makes the answer cautious.
     */
    @Override
    public boolean mayLeaveRowsOut() {
        byte[] name = "mergeCell".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = sheetPart.getInputStream()) {
            int matched = 0;
            int n;
            while ((n = in.read(buffer)) > 0) {
                for (int i = 0; i < n; i++) {
                    byte b = buffer[i];
                    // the name's first letter occurs in it only once, so a mismatch can only restart a match there
                    matched = b == name[matched] ? matched + 1 : b == name[0] ? 1 : 0;
                    if (matched == name.length) {
                        return true;
                    }
                }
            }
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public Set<Integer> rowsToSkip() {
        return mergedRows;
    }

    private SheetRow take() {
        if (finished) {
            return null;
        }
        try {
            Object item = queue.poll(10, TimeUnit.MINUTES);
            if (item instanceof UnreadableFile failure) {
                finished = true;
                throw failure;
            }
            if (item == null || item == END) {
                finished = true;
                return null;
            }
            SheetRow row = (SheetRow) item;
            handedOut = row.number();
            return row;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnreadableFile(Refusal.of("importInterrupted"));
        }
    }

    private void parse(InputStream sheet, ReadOnlySharedStringsTable strings, StylesTable styles) {
        try (sheet) {
            SheetHandler handler = new SheetHandler(strings, styles);
            try {
                new SheetXml(sheet).parse(handler);
            } catch (SheetXml.OtherEncoding e) {
                // nothing was reported yet: the JDK's parser reads the sheet again, in the encoding it names
                try (InputStream again = sheetPart.getInputStream()) {
                    SAXParserFactory factory = SAXParserFactory.newInstance();
                    factory.setNamespaceAware(false);
                    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                    SAXParser sax = factory.newSAXParser();
                    sax.parse(again, handler);
                }
            }
            put(END);
        } catch (UnreadableFile e) {
            put(e);
        } catch (Exception e) {
            put(new UnreadableFile(bombOrBroken(e), e));
        }
    }

    private void put(Object item) {
        try {
            queue.put(item);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Collects the cells of each row; empty cells between filled ones become empty strings. */
    private final class SheetHandler extends DefaultHandler {

        private final ReadOnlySharedStringsTable strings;
        private final StylesTable styles;
        private List<String> cells;
        private List<String> problems;
        private int rowNumber;
        private int column;
        private String type;
        private int style;
        private boolean formula;
        private final StringBuilder text = new StringBuilder();
        private boolean collecting;

        SheetHandler(ReadOnlySharedStringsTable strings, StylesTable styles) {
            this.strings = strings;
            this.styles = styles;
        }

        @Override
        public void startElement(String uri, String localName, String name, Attributes attributes) {
            switch (name) {
                case "row" -> {
                    String r = attributes.getValue("r");
                    rowNumber = r == null ? rowNumber + 1 : Integer.parseInt(r);
                    cells = new ArrayList<>();
                    problems = new ArrayList<>();
                }
                case "c" -> {
                    String ref = attributes.getValue("r");
                    column = ref == null ? cells.size() : column(ref);
                    type = attributes.getValue("t");
                    String s = attributes.getValue("s");
                    style = s == null ? -1 : Integer.parseInt(s);
                    formula = false;
                    text.setLength(0);
                }
                case "f" -> formula = true;
                case "v", "t" -> {
                    collecting = true;
                }
                case "dimension" -> lastRow = lastRowOf(attributes.getValue("ref"));
                case "mergeCell" -> {
                    var range = org.apache.poi.ss.util.CellRangeAddress.valueOf(attributes.getValue("ref"));
                    for (int row = range.getFirstRow(); row <= range.getLastRow(); row++) {
                        mergedRows.add(row + 1);
                    }
                }
                default -> {}
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (collecting) {
                text.append(ch, start, length);
            }
        }

        @Override
        public void endElement(String uri, String localName, String name) {
            switch (name) {
                case "v", "t" -> collecting = false;
                case "c" -> {
                    while (cells.size() < column) {
                        cells.add("");
                    }
                    cells.add(value());
                    if (formula) {
                        problems.add("第" + CellReference.convertNumToColString(column) + "列是公式；请复制后“粘贴为数值”再上传");
                    }
                }
                case "row" -> put(new SheetRow(rowNumber, cells, problems));
                default -> {}
            }
        }

        private String value() {
            String raw = text.toString();
            if (type == null || type.equals("n")) {
                if (raw.isEmpty()) {
                    return "";
                }
                if (column == idColumn) {
                    problems.add("身份证号码被Excel存成了数字（" + raw + "），末几位已经丢失；请把该列设为“文本”格式后重新输入号码");
                    return raw;
                }
                return number(raw);
            }
            return switch (type) {
                case "s" -> strings.getItemAt(Integer.parseInt(raw)).getString();
                case "inlineStr", "str" -> raw;
                case "b" -> raw.equals("1") ? "是" : "否";
                case "e" -> {
                    problems.add("第" + CellReference.convertNumToColString(column) + "列是错误值 " + raw);
                    yield "";
                }
                default -> raw;
            };
        }

        /** A number cell: a date when its style is a date format, otherwise the number as typed. */
        private String number(String raw) {
            double value = Double.parseDouble(raw);
            if (style >= 0 && style < styles.getNumCellStyles()) {
                XSSFCellStyle cellStyle = styles.getStyleAt(style);
                if (DateUtil.isADateFormat(cellStyle.getDataFormat(), cellStyle.getDataFormatString())
                        && DateUtil.isValidExcelDate(value)) {
                    return DateUtil.getLocalDateTime(value).toLocalDate().toString();
                }
            }
            if (value == Math.rint(value) && Math.abs(value) < 1e15) {
                return String.valueOf((long) value);
            }
            return raw;
        }
    }

    /** The last row of a range such as {@code A1:I30001}; 0 for a single cell, which says nothing of the size. */
    static int lastRowOf(String ref) {
        if (ref == null || ref.indexOf(':') < 0) {
            return 0;
        }
        try {
            return new CellReference(ref.substring(ref.indexOf(':') + 1)).getRow() + 1;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static Refusal bombOrBroken(Exception e) {
        String message = String.valueOf(e.getMessage()) + String.valueOf(e.getCause());
        if (message.contains("Zip bomb")
                || message.contains("zip bomb")
                || message.contains("max entry size")
                || message.contains("MAX_ENTRY_SIZE")) {
            return Refusal.of("importZipBomb");
        }
        return Refusal.of("importBrokenXlsx");
    }

    @Override
    public void close() {
        try {
            if (parser != null) {
                parser.interrupt();
            }
            if (pkg != null) {
                pkg.revert();
            }
        } catch (Exception e) {
            // closing a read-only package cannot lose data
        }
    }
}
