package org.liudong.services.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.liudong.registry.Codes;
import org.liudong.services.CatalogueEntry;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * A service's result in words (正常, 已孕, 知晓 …) instead of its code: the results' own names, else the contraceptive
 * method's for the contraceptives handed out (B01: 100 宫内节育器 …), else the code itself, for a result an
 * administrator added to the catalogue without a name (null from {@link #name}).
 */
@Component
class ResultNames {

    private final MessageSource messages;
    private final Codes codes;

    ResultNames(MessageSource messages, Codes codes) {
        this.messages = messages;
        this.codes = codes;
    }

    /** A result the form offers, with the services (codes, space-separated) that accept it. */
    record Option(String code, String name, String services) {

        /** Whether a service accepts this result. */
        public boolean accepts(String service) {
            return (" " + services + " ").contains(" " + service + " ");
        }
    }

    String name(String code, Locale locale) {
        if (code == null || code.isBlank()) {
            return null;
        }
        String own = messages.getMessage("result." + code, null, null, locale);
        return own != null
                ? own
                : codes.find("contraception", code).map(c -> c.name(locale)).orElse(null);
    }

    /** The names of every result of the catalogue, by code. */
    Map<String, String> names(List<CatalogueEntry> catalogue, Locale locale) {
        Map<String, String> names = new LinkedHashMap<>();
        catalogue.forEach(entry -> entry.resultCodes().forEach(code -> names.put(code, name(code, locale))));
        return names;
    }

    /** Every result of the catalogue once, in the catalogue's order. */
    List<Option> options(List<CatalogueEntry> catalogue, Locale locale) {
        Map<String, List<String>> services = new LinkedHashMap<>();
        catalogue.forEach(entry -> entry.resultCodes()
                .forEach(code ->
                        services.computeIfAbsent(code, c -> new ArrayList<>()).add(entry.code())));
        List<Option> options = new ArrayList<>();
        services.forEach(
                (code, accepting) -> options.add(new Option(code, name(code, locale), String.join(" ", accepting))));
        return options;
    }
}
