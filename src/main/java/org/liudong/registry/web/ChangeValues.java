package org.liudong.registry.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.liudong.divisions.Divisions;
import org.liudong.org.OrgUnits;
import org.liudong.registry.Codes;
import org.liudong.registry.FieldChange;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * How a recorded change (变更历史) reads on a page. The history keeps values as they are stored (codes, division
 * and community codes, category names); a page shows them in the reader's language: coded values by their
 * names, places by name and code, children one per line, and withheld values as such.
 */
@Component
public class ChangeValues {

    /** The code table of each coded field of the history. */
    private static final Map<String, String> CODE_TABLES = Map.of(
            "ethnicity", "ethnicity",
            "education", "education",
            "maritalStatus", "marital",
            "householdType", "household_type",
            "contraceptionCode", "contraception",
            "pregnancyStatus", "pregnancy");

    /** A child as the history stores it: {@code Child[birthDate=2015-03-01, sex=2, childOrder=1]}. */
    private static final Pattern CHILD = Pattern.compile("birthDate=([0-9-]+), sex=([0-9]), childOrder=([0-9]+)");

    /** The mark of a correction that leaves the masked value as it was (Changes). */
    private static final String CORRECTED = " (更正)";

    private final Codes codes;
    private final Divisions divisions;
    private final OrgUnits orgUnits;
    private final MessageSource messages;

    ChangeValues(Codes codes, Divisions divisions, OrgUnits orgUnits, MessageSource messages) {
        this.codes = codes;
        this.divisions = divisions;
        this.orgUnits = orgUnits;
        this.messages = messages;
    }

    /** The field's name in the reader's language, or the field itself when it has none. */
    public String field(FieldChange change, Locale locale) {
        return messages.getMessage("field." + change.field(), null, change.field(), locale);
    }

    /** The value before the change as the reader sees it; null when there was none. */
    public String before(FieldChange change, Locale locale) {
        return change.withheld() ? withheld(locale) : value(change.field(), change.before(), locale);
    }

    /** The value after the change as the reader sees it; null when there is none. */
    public String after(FieldChange change, Locale locale) {
        return change.withheld() ? withheld(locale) : value(change.field(), change.after(), locale);
    }

    String value(String field, String value, Locale locale) {
        if (value == null) {
            return null;
        }
        if (value.endsWith(CORRECTED)) {
            String corrected = value.substring(0, value.length() - CORRECTED.length());
            return value(field, corrected, locale) + " (" + messages.getMessage("history.corrected", null, locale)
                    + ")";
        }
        String table = CODE_TABLES.get(field);
        if (table != null) {
            return codes.find(table, value).map(code -> code.name(locale)).orElse(value);
        }
        return switch (field) {
            case "householdCode", "spouse.householdCode", "destination" ->
                divisions.fullName(value).map(name -> name + " " + value).orElse(value);
            case "community" ->
                orgUnits.find(value).map(u -> u.name() + " " + value).orElse(value);
            case "status" -> messages.getMessage("status." + value, null, value, locale);
            case "category" -> messages.getMessage("category." + value, null, value, locale);
            case "children" -> children(value, locale);
            default -> value;
        };
    }

    private String children(String value, Locale locale) {
        List<String> lines = new ArrayList<>();
        Matcher m = CHILD.matcher(value);
        while (m.find()) {
            String sex = messages.getMessage("sex." + m.group(2), null, m.group(2), locale);
            lines.add(messages.getMessage("child.line", new Object[] {m.group(3), sex, m.group(1)}, locale));
        }
        if (lines.isEmpty()) {
            return value.equals("[]") ? null : value;
        }
        return String.join("；", lines);
    }

    private String withheld(Locale locale) {
        return messages.getMessage("history.withheld", null, locale);
    }
}
