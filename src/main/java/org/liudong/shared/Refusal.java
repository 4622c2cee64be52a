package org.liudong.shared;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.context.support.ResourceBundleMessageSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Why an input or a step is refused: a message of {@code i18n/refusals} with its arguments (all text, so that
 * a year or a row number is not written with a thousands separator). An exception carrying one says it in
 * Chinese to the API and the logs, and in the reader's language on a page ({@link DomainException#message}).
 */
public record Refusal(String key, List<String> args) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final ResourceBundleMessageSource TEXTS = Languages.bundle("i18n/refusals");

    public Refusal {
        args = List.copyOf(args);
    }

    public static Refusal of(String key, Object... args) {
        return new Refusal(key, Arrays.stream(args).map(String::valueOf).toList());
    }

    /** The refusal in a language (Chinese when there is no text in it). */
    public String text(Locale locale) {
        return TEXTS.getMessage("refusal." + key, args.toArray(), locale);
    }

    /**
     * A message of several parts in a language, as a job reports it: the first part, then the others as one
     * list ("导入完成：…。只读取了第一个工作表…；以下列…"); empty without parts.
     */
    public static String join(List<Refusal> parts, Locale locale) {
        if (parts.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder(parts.get(0).text(locale));
        for (int i = 1; i < parts.size(); i++) {
            text.append(Refusal.of(i == 1 ? "messageBreak" : "messageList").text(locale));
            text.append(parts.get(i).text(locale));
        }
        return text.toString();
    }

    /** Refusals as stored beside a job (a JSON array of keys with their arguments). */
    public static String toJson(List<Refusal> parts) {
        return JSON.writeValueAsString(parts);
    }

    /** Refusals stored by {@link #toJson}; none for null. */
    public static List<Refusal> fromJson(String json) {
        return json == null ? List.of() : List.of(JSON.readValue(json, Refusal[].class));
    }

    /** The refusal in Chinese, as the API and the logs give it. */
    public String text() {
        return text(Locale.SIMPLIFIED_CHINESE);
    }
}
