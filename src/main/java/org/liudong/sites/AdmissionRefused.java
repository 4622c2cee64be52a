package org.liudong.sites;

import java.util.List;
import java.util.Map;
import org.liudong.shared.DomainException;

/**
 * An admission step refused: one that does not follow from where the site's admission stands, or a pass or
 * an admission of a site whose four ones are not all met, without a note saying why. {@code reason} names
 * the case for the pages' messages ({@code admission.refused.*}); {@code missing} lists the unmet items
 * ({@code missing.*} codes) when that is the reason.
 */
public class AdmissionRefused extends DomainException {

    /** Why a step is refused. */
    public enum Reason {
        CLOSED,
        ALREADY_APPLIED,
        NOT_APPLIED,
        NOT_CHECKED,
        FOUR_ONES_UNMET
    }

    private final Reason reason;
    private final List<String> missing;

    AdmissionRefused(Reason reason, String message) {
        this(reason, message, List.of());
    }

    AdmissionRefused(Reason reason, String message, List<String> missing) {
        super(message);
        this.reason = reason;
        this.missing = List.copyOf(missing);
    }

    public Reason reason() {
        return reason;
    }

    public List<String> missing() {
        return missing;
    }

    @Override
    public int status() {
        return 409;
    }

    @Override
    public String type() {
        return "admission-refused";
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("reason", reason.name(), "missing", missing);
    }
}
