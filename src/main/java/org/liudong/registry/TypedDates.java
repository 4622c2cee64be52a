package org.liudong.registry;

import java.util.regex.Pattern;

/** Dates as people type them, read alike by the form, the API and the import. */
public final class TypedDates {

    private static final Pattern TYPED_DATE =
            Pattern.compile("(\\d{4})\\s*[/.年-]\\s*(\\d{1,2})\\s*[/.月-]\\s*(\\d{1,2})\\s*日?");
    private static final Pattern COMPACT_DATE = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");

    /**
     * A date as people type it (2012/3/5, 2012.3.5, 2012-3-5, 2012年3月5日, 20120305) in ISO form; anything else as
     * it is, to be refused by name. The form, the API and the import read dates alike.
     */
    public static String iso(String value) {
        var typed = TYPED_DATE.matcher(value);
        if (typed.matches()) {
            return "%s-%02d-%02d"
                    .formatted(typed.group(1), Integer.parseInt(typed.group(2)), Integer.parseInt(typed.group(3)));
        }
        var compact = COMPACT_DATE.matcher(value);
        if (compact.matches()) {
            return compact.group(1) + "-" + compact.group(2) + "-" + compact.group(3);
        }
        return value;
    }

    private TypedDates() {}
}
