package org.liudong.sites;

import org.liudong.shared.DomainException;

/** An admission step that does not follow from where the site's admission stands. */
public class AdmissionRefused extends DomainException {

    public AdmissionRefused(String message) {
        super(message);
    }

    @Override
    public int status() {
        return 409;
    }

    @Override
    public String type() {
        return "admission-refused";
    }
}
