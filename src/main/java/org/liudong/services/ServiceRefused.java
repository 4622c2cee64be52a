package org.liudong.services;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.liudong.eligibility.ServiceEligibility;
import org.liudong.shared.DomainException;
import org.liudong.shared.Languages;
import org.liudong.shared.Refusal;

/**
 * A service the person is not eligible for, with the rules' reasons; an officer may override with a note. The
 * API gives the reasons in Chinese; a page gives them in the reader's language ({@link #message}).
 */
public class ServiceRefused extends DomainException {

    private final String service;
    private final List<String> reasons;
    private final ServiceEligibility eligibility;
    private final boolean officersOnly;

    /**
     * Refused under the rules; {@code officersOnly} when a note was given by someone who may not override
     * (only a street or district officer may).
     */
    ServiceRefused(ServiceEligibility eligibility, boolean officersOnly) {
        this(eligibility.service(), reasons(eligibility, officersOnly), eligibility, officersOnly);
    }

    public ServiceRefused(String service, List<String> reasons) {
        this(service, reasons, null, false);
    }

    private ServiceRefused(String service, List<String> reasons, ServiceEligibility eligibility, boolean officersOnly) {
        super("Not eligible for service " + service + ": " + String.join("；", reasons));
        this.service = service;
        this.reasons = List.copyOf(reasons);
        this.eligibility = eligibility;
        this.officersOnly = officersOnly;
    }

    private static List<String> reasons(ServiceEligibility eligibility, boolean officersOnly) {
        List<String> reasons = new ArrayList<>(eligibility.reasons());
        if (officersOnly) {
            reasons.add(Refusal.of("overrideOfficers").text());
        }
        return reasons;
    }

    public List<String> reasons() {
        return reasons;
    }

    /** "不符合…的条件：…" or "Not eligible for …: …", the rules' reasons in the reader's language. */
    @Override
    public String message(Locale locale) {
        List<String> said = new ArrayList<>();
        if (eligibility == null) {
            said.addAll(reasons);
        } else {
            said.addAll(eligibility.why().stream().map(r -> r.text(locale)).toList());
            if (officersOnly) {
                said.add(Refusal.of("overrideOfficers").text(locale));
            }
        }
        return Refusal.of("serviceIneligible", service, String.join(Languages.clauses(locale), said))
                .text(locale);
    }

    @Override
    public int status() {
        return 422;
    }

    @Override
    public String type() {
        return "service-refused";
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("service", service, "reasons", reasons, "overridable", true);
    }
}
