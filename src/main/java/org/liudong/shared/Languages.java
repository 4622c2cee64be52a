package org.liudong.shared;

import java.util.Locale;
import org.liudong.shared.InvalidFields.Violation;
import org.springframework.context.MessageSource;

/**
 * The pages' two languages: Chinese first, English when the reader asks for it. Any other language reads as
 * Chinese, as the message bundles do.
 */
public final class Languages {

    private Languages() {}

    public static boolean english(Locale locale) {
        return "en".equals(locale.getLanguage());
    }

    /** A text kept in both languages, in the reader's; Chinese when it has no English. */
    public static String pick(String chinese, String english, Locale locale) {
        return english(locale) && english != null ? english : chinese;
    }

    /** What separates the clauses of a list in a sentence: ；in Chinese, ; in English. */
    public static String clauses(Locale locale) {
        return english(locale) ? "; " : "；";
    }

    /**
     * A rule's error for the reader: in Chinese as the rule wrote it, with the values at fault; in English by its
     * code and field ({@code violation.FORMAT.phone}), else by its code ({@code violation.FORMAT}), or as written
     * when the code has no text.
     */
    public static String violation(MessageSource messages, Violation violation, Locale locale) {
        if (!english(locale)) {
            return violation.message();
        }
        // a field's own wording where the code alone says too little ("Wrong format" of a phone number)
        String own = messages.getMessage("violation." + violation.code() + "." + violation.field(), null, null, locale);
        return own != null
                ? own
                : messages.getMessage("violation." + violation.code(), null, violation.message(), locale);
    }

    /**
     * A rule's error as a form lists it with others: {@link #violation}, in English after the field's name (the
     * message {@code labels + field}, when there is one); a Chinese message names its field itself.
     */
    public static String fieldError(MessageSource messages, Violation violation, Locale locale, String labels) {
        String text = violation(messages, violation, locale);
        String field = english(locale) ? messages.getMessage(labels + violation.field(), null, null, locale) : null;
        return field == null ? text : field + ": " + text;
    }

    /**
     * A bundle of messages read on its own, outside the application's message source (rules' reasons,
     * refusals): UTF-8, Chinese where a language has no text.
     */
    public static org.springframework.context.support.ResourceBundleMessageSource bundle(String basename) {
        var texts = new org.springframework.context.support.ResourceBundleMessageSource();
        texts.setBasename(basename);
        texts.setDefaultEncoding("UTF-8");
        texts.setFallbackToSystemLocale(false);
        return texts;
    }
}
