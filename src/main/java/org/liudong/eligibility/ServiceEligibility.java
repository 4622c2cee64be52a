package org.liudong.eligibility;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.liudong.shared.Languages;

/**
 * Whether a person may have a service on a date, and why: {@code reasons} in Chinese, {@code why} as the rules'
 * messages for the reader's language; {@code dueSince} is the date from which an eligible person is due for it, or
 * null when nothing is due.
 */
public record ServiceEligibility(
        String service, boolean eligible, List<String> reasons, LocalDate dueSince, List<Reason> why) {

    public ServiceEligibility {
        reasons = List.copyOf(reasons);
        why = List.copyOf(why);
    }

    ServiceEligibility(String service, boolean eligible, List<Reason> why, LocalDate dueSince) {
        this(service, eligible, why.stream().map(Reason::text).toList(), dueSince, why);
    }

    public boolean dueBy(LocalDate date) {
        return eligible && dueSince != null && !dueSince.isAfter(date);
    }

    /** The reasons in the reader's language, as one line. */
    public String reasonText(Locale locale) {
        return joined(why, locale);
    }

    /** Reasons in a language, as one line. */
    public static String joined(List<Reason> why, Locale locale) {
        return String.join(
                Languages.clauses(locale),
                why.stream().map(reason -> reason.text(locale)).toList());
    }
}
