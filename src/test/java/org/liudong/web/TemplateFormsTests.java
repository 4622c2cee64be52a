package org.liudong.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
        for (var template : MessageBundlesTests.templates().entrySet()) {
            Path file = template.getKey();
            Matcher form = FORM.matcher(template.getValue());
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
        assertThat(posting).as("posting forms found").isGreaterThan(20);
        assertThat(without)
                .as("posting forms without th:action (no CSRF token)")
                .isEmpty();
    }

    private static final Pattern SELECTION = Pattern.compile("\\.[?!^$]\\[");

    /**
     * No template filters or maps a collection in an expression ({@code list.?[…]}, {@code list.![…]}): SpEL
     * counts every element as an operation and gives up past 10,000, so such an expression works on a test's
     * lists and fails on a district's. The due page did, on a street with 8,149 due services (HTTP 500); the
     * count now comes from Java ({@code DueList.overdue()}).
     */
    @Test
    void noTemplateWalksACollectionInAnExpression() throws IOException {
        List<String> walking = new ArrayList<>();
        var templates = MessageBundlesTests.templates();
        for (var template : templates.entrySet()) {
            String[] lines = template.getValue().split("\n");
            for (int i = 0; i < lines.length; i++) {
                if (SELECTION.matcher(lines[i]).find()) {
                    walking.add(template.getKey().getFileName() + ":" + (i + 1) + ": " + lines[i].strip());
                }
            }
        }
        assertThat(templates).hasSizeGreaterThan(40);
        assertThat(walking)
                .as("collection selections or projections in templates")
                .isEmpty();
    }

    private static final Pattern FIELD = Pattern.compile("<(input|select|textarea)\\b([^>]*)>", Pattern.DOTALL);
    private static final Pattern LABEL_FOR = Pattern.compile("<label[^>]*\\bfor=\"([^\"]+)\"");
    private static final Pattern TYPE = Pattern.compile("\\btype=\"([^\"]+)\"");
    private static final Pattern ID = Pattern.compile("\\bid=\"([^\"]+)\"");

    /**
     * Every field a user fills in has a name a screen reader can say, in the page's language: a label for it,
     * a label around it, or {@code th:aria-label} with a message (a placeholder is not a name, and it goes when
     * the user types).
     */
    @Test
    void everyFieldHasANameAScreenReaderCanSayInThePagesLanguage() throws IOException {
        List<String> unnamed = new ArrayList<>();
        int fields = 0;
        for (var template : MessageBundlesTests.templates().entrySet()) {
            Path file = template.getKey();
            String html = template.getValue();
            java.util.Set<String> labelled = new java.util.HashSet<>();
            Matcher label = LABEL_FOR.matcher(html);
            while (label.find()) {
                labelled.add(label.group(1));
            }
            Matcher field = FIELD.matcher(html);
            while (field.find()) {
                String attributes = field.group(2);
                Matcher type = TYPE.matcher(attributes);
                if (field.group(1).equals("input")
                        && type.find()
                        && List.of("hidden", "submit", "button", "checkbox", "radio")
                                .contains(type.group(1))) {
                    continue;
                }
                fields++;
                Matcher id = ID.matcher(attributes);
                String before = html.substring(0, field.start());
                boolean named = attributes.contains("th:aria-label=\"#{")
                        || attributes.contains("th:attr=\"aria-label=#{")
                        || (id.find() && labelled.contains(id.group(1)))
                        || before.lastIndexOf("<label") > before.lastIndexOf("</label>");
                if (!named) {
                    unnamed.add(file.getFileName() + ": " + field.group().replaceAll("\\s+", " "));
                }
                if (attributes.matches("(?s).*\\saria-label=\".*")) {
                    unnamed.add(file.getFileName() + " (a fixed aria-label, not in the page's language): "
                            + field.group().replaceAll("\\s+", " "));
                }
            }
        }
        assertThat(fields).as("fields found").isGreaterThan(100);
        assertThat(unnamed).isEmpty();
    }

    /** The content security policy allows no inline style, so a {@code style} attribute would be ignored. */
    @Test
    void noTemplateSetsAStyleInline() throws IOException {
        List<String> inline = new ArrayList<>();
        for (var template : MessageBundlesTests.templates().entrySet()) {
            Path file = template.getKey();
            Matcher style = Pattern.compile("\\s(th:)?style=\"[^\"]*\"").matcher(template.getValue());
            while (style.find()) {
                inline.add(file.getFileName() + ": " + style.group().strip());
            }
        }
        assertThat(inline).isEmpty();
    }

    /**
     * The page's Content-Security-Policy allows scripts from the application's own files only, so the browser
     * blocks an inline handler such as {@code onchange="this.form.submit()"}: the sites' year choices did nothing.
     */
    @Test
    void noTemplateHandlesAnEventInline() throws IOException {
        List<String> inline = new ArrayList<>();
        for (var template : MessageBundlesTests.templates().entrySet()) {
            Matcher handler = Pattern.compile("\\s(th:)?on[a-z]+=\"[^\"]*\"").matcher(template.getValue());
            while (handler.find()) {
                inline.add(
                        template.getKey().getFileName() + ": " + handler.group().strip());
            }
            assertThat(template.getValue()).as(template.getKey().toString()).doesNotContain("javascript:");
        }
        assertThat(inline).isEmpty();
    }
}
