package org.liudong.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every form that posts is opened with {@code th:action}: only then does Thymeleaf add the CSRF token, and a
 * form without it is refused with 403 whatever its buttons' {@code formaction} say (the sites' admission form
 * was, until this test).
 */
class TemplateFormsTests {

    private static final Pattern FORM = Pattern.compile("<form\\b[^>]*>", Pattern.DOTALL);

    @Test
    void everyPostingFormHasAThymeleafAction() throws IOException {
        List<String> without = new ArrayList<>();
        int posting = 0;
        try (Stream<Path> files = Files.walk(MessageBundlesTests.RESOURCES.resolve("templates"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".html")).toList()) {
                Matcher form = FORM.matcher(Files.readString(file));
                while (form.find()) {
                    String tag = form.group();
                    if (!tag.matches("(?is).*\\bmethod=\"post\".*")) {
                        continue;
                    }
                    posting++;
                    if (!tag.contains("th:action=")) {
                        without.add(file.getFileName() + ": " + tag.replaceAll("\\s+", " "));
                    }
                }
            }
        }
        assertThat(posting).as("posting forms found").isGreaterThan(20);
        assertThat(without)
                .as("posting forms without th:action (no CSRF token)")
                .isEmpty();
    }
}
