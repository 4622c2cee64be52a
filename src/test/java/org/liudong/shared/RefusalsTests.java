package org.liudong.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The refusals' texts: every key the code names has one in both languages, and a refusal reads in either. */
class RefusalsTests {

    private static final Pattern LITERAL = Pattern.compile("Refusal\\.of\\(\\s*\"([A-Za-z.]*[A-Za-z])\"\\s*[,)]");

    @Test
    void everyRefusalTheCodeNamesHasATextInChineseAndEnglish() throws IOException {
        List<String> keys = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher literal = LITERAL.matcher(Files.readString(file));
                while (literal.find()) {
                    keys.add(literal.group(1));
                }
            }
        }
        // the reports' refusals name the report's state in their key
        for (String status : List.of("SUBMITTED", "APPROVED")) {
            keys.add("report." + status);
        }
        for (String status : List.of("NOT_SUBMITTED", "APPROVED", "RETURNED")) {
            keys.add("reportUndecidable." + status);
        }
        assertThat(keys).hasSizeGreaterThan(35);
        List<String> missing = new ArrayList<>();
        for (String key : keys) {
            Refusal refusal = Refusal.of(key, "甲", "乙");
            for (Locale locale : List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH)) {
                try {
                    refusal.text(locale);
                } catch (org.springframework.context.NoSuchMessageException e) {
                    missing.add(key + " [" + locale + "]");
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void aRefusalIsChineseForTheApiAndInTheReadersLanguageOnAPage() {
        var refused = new InvalidInput("deadlines", Refusal.of("deadlineType", "QUERY"));

        assertThat(refused.getMessage()).isEqualTo("QUERY 不在协议的信息类型中");
        assertThat(refused.message(Locale.ENGLISH)).isEqualTo("QUERY is not among the agreement's message types");
        assertThat(refused.message(Locale.SIMPLIFIED_CHINESE)).isEqualTo(refused.getMessage());
        assertThat(Refusal.of("aggregateRow", 1234, "x").text(Locale.ENGLISH))
                .as("numbers as written, without a thousands separator")
                .isEqualTo("Row 1234: x");
        assertThat(new InvalidInput("x", "写好的说明").message(Locale.ENGLISH)).isEqualTo("写好的说明");
    }
}
