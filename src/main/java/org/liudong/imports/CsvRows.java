package org.liudong.imports;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.liudong.shared.Refusal;

/**
 * Reads a CSV file (RFC 4180: quotes, doubled quotes, line breaks inside quotes) one row at a time. UTF-8 with
 * or without a byte-order mark, and GB18030 (which includes GBK, what Excel on Chinese Windows writes) are
 * told apart by decoding a sample strictly as UTF-8 first.
 */
final class CsvRows implements RowSource {

    static final Charset GB18030 = Charset.forName("GB18030");
    private static final int SAMPLE = 64 * 1024;

    private final BufferedReader in;
    private final CountingStream counted;
    private final long size;
    private final List<String> header;
    private final Charset charset;
    private int line = 1;
    private int rowNumber = 1;

    CsvRows(Path file) throws IOException {
        size = Files.size(file);
        counted = new CountingStream(Files.newInputStream(file));
        InputStream stream = new BufferedInputStream(counted, SAMPLE * 2);
        stream.mark(SAMPLE + 3);
        byte[] sample = stream.readNBytes(SAMPLE);
        stream.reset();
        if (sample.length == 0) {
            stream.close();
            throw new UnreadableFile(Refusal.of("importEmpty"));
        }
        boolean bom = sample.length >= 3
                && (sample[0] & 0xff) == 0xEF
                && (sample[1] & 0xff) == 0xBB
                && (sample[2] & 0xff) == 0xBF;
        if (bom) {
            stream.skipNBytes(3);
            charset = StandardCharsets.UTF_8;
        } else {
            charset = looksLikeUtf8(sample) ? StandardCharsets.UTF_8 : GB18030;
        }
        if (looksBinary(sample)) {
            stream.close();
            throw new UnreadableFile(Refusal.of("importNotCsv"));
        }
        // buffered: characters are read one at a time, and a quote needs one character of look-ahead (mark)
        this.in = new BufferedReader(
                new InputStreamReader(stream, charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)),
                1 << 16);
        List<String> first = readRecord();
        if (first == null) {
            throw new UnreadableFile(Refusal.of("importEmpty"));
        }
        this.header = first;
    }

    Charset charset() {
        return charset;
    }

    /** The bytes taken from the file so far (buffers ahead of the rows included) over its size. */
    @Override
    public double fractionRead() {
        return size == 0 ? 1 : Math.min(1.0, (double) counted.bytes() / size);
    }

    @Override
    public List<String> header() {
        return header;
    }

    @Override
    public SheetRow next() {
        List<String> cells = readRecord();
        if (cells == null) {
            return null;
        }
        rowNumber++;
        return new SheetRow(rowNumber, cells, new ArrayList<>());
    }

    @Override
    public List<Refusal> notes() {
        return List.of();
    }

    /** One record, or null at the end; a quote left open at the end of the file is an error. */
    private List<String> readRecord() {
        try {
            List<String> cells = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            boolean any = false;
            int startLine = line;
            int c;
            while ((c = in.read()) != -1) {
                any = true;
                char ch = (char) c;
                if (quoted) {
                    if (ch == '"') {
                        in.mark(1);
                        int nextChar = in.read();
                        if (nextChar == '"') {
                            cell.append('"');
                        } else {
                            quoted = false;
                            if (nextChar != -1) {
                                in.reset();
                            }
                        }
                    } else {
                        if (ch == '\n') {
                            line++;
                        }
                        cell.append(ch);
                    }
                } else if (ch == '"' && cell.isEmpty()) {
                    quoted = true;
                } else if (ch == ',') {
                    cells.add(cell.toString());
                    cell.setLength(0);
                } else if (ch == '\n') {
                    line++;
                    cells.add(stripCr(cell));
                    return cells;
                } else {
                    cell.append(ch);
                }
            }
            if (quoted) {
                throw new UnreadableFile(Refusal.of("importOpenQuote", startLine));
            }
            if (!any) {
                return null;
            }
            cells.add(stripCr(cell));
            return cells;
        } catch (CharacterCodingException e) {
            throw new UnreadableFile(Refusal.of("importBadCharacters", line), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String stripCr(StringBuilder cell) {
        int end = cell.length();
        if (end > 0 && cell.charAt(end - 1) == '\r') {
            end--;
        }
        return cell.substring(0, end);
    }

    private static boolean looksLikeUtf8(byte[] sample) {
        int end = sample.length;
        // a sample may cut a multi-byte character at its end: ignore up to three trailing bytes
        for (int cut = 0; cut <= 3 && end - cut > 0; cut++) {
            try {
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(sample, 0, end - cut));
                return true;
            } catch (CharacterCodingException e) {
                if (sample.length < SAMPLE) {
                    return false;
                }
            }
        }
        return false;
    }

    private static boolean looksBinary(byte[] sample) {
        int zeros = 0;
        for (int i = 0; i < Math.min(sample.length, 4096); i++) {
            if (sample[i] == 0) {
                zeros++;
            }
        }
        return zeros > 0
                || (sample.length > 4 && sample[0] == '%' && sample[1] == 'P' && sample[2] == 'D' && sample[3] == 'F')
                || (sample.length > 2 && sample[0] == 'P' && sample[1] == 'K');
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
