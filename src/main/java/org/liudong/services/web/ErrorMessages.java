package org.liudong.services.web;

import java.util.Locale;
import org.liudong.shared.DomainException;
import org.liudong.shared.InvalidFields;
import org.liudong.shared.Languages;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * A refused change as the services' pages report it, in the request's language: in Chinese each field's error in
 * the rules' own words (with the values at fault); in English by the error's code ({@code violation.*})
 * after the field's name, or in Chinese when the code has no text. Other refusals give their own message.
 */
@Component
class ErrorMessages {

    private final MessageSource messages;

    ErrorMessages(MessageSource messages) {
        this.messages = messages;
    }

    String of(DomainException e) {
        Locale locale = LocaleContextHolder.getLocale();
        if (!(e instanceof InvalidFields fields)) {
            return e.message(locale);
        }
        return String.join(
                Languages.clauses(locale),
                fields.violations().stream()
                        .map(v -> Languages.fieldError(messages, v, locale, "services."))
                        .toList());
    }
}
