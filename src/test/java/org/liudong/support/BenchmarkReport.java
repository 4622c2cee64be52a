package org.liudong.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes one benchmark's section of docs/BENCHMARKS.md, replacing that section only and keeping the others. */
public final class BenchmarkReport {

    private static final Path FILE = Path.of("docs", "BENCHMARKS.md");
    private static final String TITLE =
            "# Benchmarks\n\nEach section is written by its benchmark class, run with `./mvnw -Pbench verify`"
                    + " (`-Dtest=<Class>` for one); every figure stands beside a baseline measured in the same run.\n";

    private BenchmarkReport() {}

    /** Replaces (or appends) the section headed {@code ## heading} with {@code body}. */
    public static synchronized void section(String heading, String body) {
        try {
            String text = Files.exists(FILE) ? Files.readString(FILE) : TITLE;
            String marker = "\n## " + heading + "\n";
            String section = marker + "\n" + body.strip() + "\n";
            int start = text.indexOf(marker);
            if (start < 0) {
                text = text.stripTrailing() + "\n" + section;
            } else {
                int end = text.indexOf("\n## ", start + marker.length());
                text = text.substring(0, start) + section + (end < 0 ? "" : text.substring(end));
            }
            Files.writeString(FILE, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
