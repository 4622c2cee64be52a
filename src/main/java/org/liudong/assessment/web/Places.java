package org.liudong.assessment.web;

import org.liudong.divisions.Division;
import org.liudong.divisions.Divisions;
import org.springframework.stereotype.Component;

/** Counties and provinces as the assessment's pages name them: by name, with the code where it helps. */
@Component("assessmentPlaces")
public class Places {

    private final Divisions divisions;

    Places(Divisions divisions) {
        this.divisions = divisions;
    }

    /** A county by its full name and code (河北省保定市安新县 130632); the code alone when it is not known. */
    public String full(String code) {
        return divisions.fullNameAndCode(code);
    }

    /** A division by its own name (河北省); the code when it is not known. */
    public String name(String code) {
        try {
            return divisions.find(code).map(Division::name).orElse(code);
        } catch (org.liudong.shared.InvalidInput notADivisionCode) {
            return code;
        }
    }
}
