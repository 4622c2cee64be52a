package org.liudong.operations;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code manifest.tsv} of a backup: when it was taken, the migrations its schema had, each table's row count
 * and content hash, each sequence's position, and the key files it carries. Tab-separated, one fact a line.
 */
record Manifest(
        Instant created,
        List<String> migrations,
        Map<String, TableDigest> tables,
        Map<String, Sequence> sequences,
        List<String> files) {

    static final String FILE = "manifest.tsv";
    static final String FORMAT = "liudong-backup 1";

    record Sequence(String name, long value, boolean called) {}

    void write(Path dir) throws IOException {
        StringBuilder out = new StringBuilder();
        out.append(FORMAT).append('\n');
        out.append("created\t").append(created).append('\n');
        migrations.forEach(m -> out.append("migration\t").append(m).append('\n'));
        tables.values()
                .forEach(t -> out.append("table\t")
                        .append(t.table())
                        .append('\t')
                        .append(t.rows())
                        .append('\t')
                        .append(t.hash())
                        .append('\n'));
        sequences
                .values()
                .forEach(s -> out.append("sequence\t")
                        .append(s.name())
                        .append('\t')
                        .append(s.value())
                        .append('\t')
                        .append(s.called())
                        .append('\n'));
        files.forEach(f -> out.append("file\t").append(f).append('\n'));
        Path temporary = dir.resolve(FILE + ".part");
        Files.writeString(temporary, out, StandardCharsets.UTF_8);
        // written last and renamed into place: a backup without its manifest is visibly incomplete
        Files.move(temporary, dir.resolve(FILE), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    static Manifest read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            throw new IllegalArgumentException(
                    "No " + FILE + " in " + dir + ": not a Liudong backup, or the backup did not finish");
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals(FORMAT)) {
            throw new IllegalArgumentException(file + " is not a '" + FORMAT + "' manifest");
        }
        Instant created = null;
        List<String> migrations = new ArrayList<>();
        Map<String, TableDigest> tables = new LinkedHashMap<>();
        Map<String, Sequence> sequences = new LinkedHashMap<>();
        List<String> files = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            switch (f[0]) {
                case "created" -> created = Instant.parse(f[1]);
                case "migration" -> migrations.add(line.substring("migration\t".length()));
                case "table" -> tables.put(f[1], new TableDigest(f[1], Long.parseLong(f[2]), f[3]));
                case "sequence" ->
                    sequences.put(f[1], new Sequence(f[1], Long.parseLong(f[2]), Boolean.parseBoolean(f[3])));
                case "file" -> files.add(f[1]);
                default -> throw new IllegalArgumentException("Unknown line in " + file + ": " + f[0]);
            }
        }
        return new Manifest(created, migrations, tables, sequences, files);
    }
}
