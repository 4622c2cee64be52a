package org.liudong.exchange.web;

import java.util.Locale;
import org.liudong.divisions.Divisions;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * How a message's counties and content read on a page: places by their full names with the code, coded values
 * (sex, category, result) by their labels in the reader's language, everything else as sent.
 */
@Component
class MessageValues {

    private final Divisions divisions;
    private final MessageSource messages;

    MessageValues(Divisions divisions, MessageSource messages) {
        this.divisions = divisions;
        this.messages = messages;
    }

    /** A county (or any division) by its full name and code; the code alone when it is not known. */
    public String place(String code) {
        return divisions.fullNameAndCode(code);
    }

    /** A field of a message's content as the reader sees it. */
    public String value(String field, Object value, Locale locale) {
        if (value == null) {
            return null;
        }
        String text = String.valueOf(value);
        return switch (field) {
            case "householdCode", "destinationCode" -> place(text);
            case "sex" -> messages.getMessage("sex." + text, null, text, locale);
            case "category" -> messages.getMessage("category." + text, null, text, locale);
            case "result" -> messages.getMessage("exchange.result." + text, null, text, locale);
            case "question" -> messages.getMessage("exchange.question." + text, null, text, locale);
            case "topic" -> messages.getMessage("exchange.topic." + text, null, text, locale);
            default -> text;
        };
    }
}
