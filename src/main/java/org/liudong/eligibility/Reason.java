package org.liudong.eligibility;

import java.util.List;
import java.util.Locale;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * A reason a service rule gives: a message of {@code i18n/eligibility} with its arguments, written out in Chinese
 * for the record and the API, or in the reader's language on a page. The rules' texts are read here only, so
 * the application's message source does not load them.
 */
public record Reason(String key, List<String> args) {

    private static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

    private static final ResourceBundleMessageSource TEXTS = org.liudong.shared.Languages.bundle("i18n/eligibility");

    public Reason {
        args = List.copyOf(args);
    }

    static Reason of(String key, Object... args) {
        return new Reason(
                key, java.util.Arrays.stream(args).map(String::valueOf).toList());
    }

    /** The reason in a language (Chinese when there is no text in it). */
    public String text(Locale locale) {
        return TEXTS.getMessage("eligibility." + key, args.toArray(), locale);
    }

    /** The reason in Chinese. */
    public String text() {
        return text(CHINESE);
    }
}
