package org.liudong.divisions;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads an RFC 4180 CSV file (quoted fields, doubled quotes, commas and line breaks inside quotes) into rows by header. */
final class CsvFile {

    private CsvFile() {}

    static List<Map<String, String>> read(String name, byte[] content) {
        List<List<String>> records = parse(new String(content, StandardCharsets.UTF_8));
        if (records.isEmpty()) {
            throw new IllegalStateException(name + " is empty");
        }
        List<String> header = records.get(0);
        List<Map<String, String>> rows = new ArrayList<>(records.size() - 1);
        for (int i = 1; i < records.size(); i++) {
            List<String> record = records.get(i);
            if (record.size() != header.size()) {
                throw new IllegalStateException(
                        name + " record " + (i + 1) + " has " + record.size() + " fields, expected " + header.size());
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int f = 0; f < header.size(); f++) {
                row.put(header.get(f), record.get(f));
            }
            rows.add(row);
        }
        return rows;
    }

    private static List<List<String>> parse(String text) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean atLineStart = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
                continue;
            }
            atLineStart = false;
            switch (c) {
                case '"' -> quoted = true;
                case ',' -> {
                    record.add(field.toString());
                    field.setLength(0);
                }
                case '\r' -> {}
                case '\n' -> {
                    record.add(field.toString());
                    field.setLength(0);
                    records.add(record);
                    record = new ArrayList<>();
                    atLineStart = true;
                }
                default -> field.append(c);
            }
        }
        if (quoted) {
            throw new IllegalStateException("CSV ends inside a quoted field");
        }
        if (!atLineStart) {
            record.add(field.toString());
            records.add(record);
        }
        return records;
    }
}
