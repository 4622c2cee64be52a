package org.liudong.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The message bundles, read as files: Chinese (the base bundles) and English must hold the same keys, since a key
 * missing in English falls back to the Chinese text without a sign, and every literal key a template asks for
 * must exist, since a missing one shows as {@code ??key_zh_CN??}; every action the audit trail records has a label for
 * the auditor's page.
 */
class MessageBundlesTests {

    static final Path RESOURCES = Path.of("src/main/resources");

    /** The page templates with their text, in the order of their paths. */
    static java.util.SortedMap<Path, String> templates() throws IOException {
        java.util.SortedMap<Path, String> templates = new java.util.TreeMap<>();
        try (Stream<Path> files = Files.walk(RESOURCES.resolve("templates"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".html")).toList()) {
                templates.put(file, Files.readString(file));
            }
        }
        return templates;
    }

    /** A literal message expression: {@code #{key}} or {@code #{key(…)}}, not {@code #{'prefix.' + …}}. */
    static final Pattern LITERAL_KEY = Pattern.compile("#\\{([A-Za-z][A-Za-z0-9_.\\-]*)[}(]");

    @Test
    void everyBundleHasTheSameKeysInChineseAndEnglish() throws IOException {
        List<String> differences = new ArrayList<>();
        for (Path base : baseBundles()) {
            Path english = base.resolveSibling(base.getFileName().toString().replace(".properties", "_en.properties"));
            assertThat(english).as("English bundle of %s", base).exists();
            Set<String> zh = keys(base);
            Set<String> en = keys(english);
            assertThat(zh).as("keys of %s", base).isNotEmpty();
            zh.stream().filter(k -> !en.contains(k)).forEach(k -> differences.add(english + ": no " + k));
            en.stream().filter(k -> !zh.contains(k)).forEach(k -> differences.add(base + ": no " + k));
        }
        assertThat(differences).isEmpty();
    }

    @Test
    void everyLiteralKeyOfATemplateExists() throws IOException {
        Set<String> known = new TreeSet<>();
        for (Path base : baseBundles()) {
            known.addAll(keys(base));
        }
        List<String> missing = new ArrayList<>();
        int asked = 0;
        try (Stream<Path> templates = Files.walk(RESOURCES.resolve("templates"))) {
            for (Path template :
                    templates.filter(p -> p.toString().endsWith(".html")).toList()) {
                Matcher m = LITERAL_KEY.matcher(Files.readString(template));
                while (m.find()) {
                    asked++;
                    if (!known.contains(m.group(1))) {
                        missing.add(RESOURCES.relativize(template) + ": " + m.group(1));
                    }
                }
            }
        }
        assertThat(asked).as("literal keys found in the templates").isGreaterThan(500);
        assertThat(missing).isEmpty();
    }

    /** An audit record being written: {@code new Record(} or {@code new AuditTrail.Record(}, then its lines. */
    static final Pattern AUDIT_RECORD = Pattern.compile("new (?:AuditTrail\\.)?Record\\(((?:[^;]){0,400})");

    static final Pattern ACTION = Pattern.compile("\"([A-Z][A-Z_]{3,})\"");

    @Test
    void everyAuditActionHasALabelInBothLanguages() throws IOException {
        Set<String> actions = new TreeSet<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source :
                    sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher record = AUDIT_RECORD.matcher(Files.readString(source));
                while (record.find()) {
                    Matcher action = ACTION.matcher(record.group(1));
                    while (action.find()) {
                        actions.add(action.group(1));
                    }
                }
            }
        }
        assertThat(actions).contains("PERSON_READ", "LOGIN_FAILED", "SERVICE_IMPORT_DRY_RUN", "EXCHANGE_MESSAGE_READ");
        Set<String> zh = keys(RESOURCES.resolve("messages.properties"));
        Set<String> en = keys(RESOURCES.resolve("messages_en.properties"));
        assertThat(actions.stream().map(a -> "audit.action." + a).filter(k -> !zh.contains(k) || !en.contains(k)))
                .isEmpty();
    }

    @Test
    void everyReasonTheServiceRulesGiveHasItsText() throws IOException {
        Set<String> zh = keys(RESOURCES.resolve("i18n/eligibility.properties"));
        Set<String> used = new TreeSet<>();
        Pattern reason = Pattern.compile("(Reason\\.of|new Reason|recorded)\\(\\s*\"([^\"]+)\"");
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source :
                    sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = reason.matcher(Files.readString(source));
                while (m.find()) {
                    used.add("eligibility." + m.group(2));
                    if (m.group(1).equals("recorded")) {
                        used.add("eligibility." + m.group(2) + ".unrecorded");
                    }
                }
            }
        }
        assertThat(used).hasSizeGreaterThan(20).contains("eligibility.alreadyRecorded");
        // a key ending in a dot is completed with a service code at run time
        assertThat(used.stream()
                        .filter(key ->
                                key.endsWith(".") ? zh.stream().noneMatch(k -> k.startsWith(key)) : !zh.contains(key)))
                .isEmpty();
    }

    static List<Path> baseBundles() throws IOException {
        List<Path> bundles = new ArrayList<>(List.of(RESOURCES.resolve("messages.properties")));
        try (Stream<Path> files = Files.list(RESOURCES.resolve("i18n"))) {
            files.filter(p -> p.toString().endsWith(".properties")
                            && !p.toString().contains("_"))
                    .sorted()
                    .forEach(bundles::add);
        }
        assertThat(bundles).hasSizeGreaterThan(5);
        return bundles;
    }

    static Set<String> keys(Path bundle) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(bundle)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return new TreeSet<>(properties.stringPropertyNames());
    }
}
