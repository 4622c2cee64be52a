package org.liudong.org;

import org.liudong.shared.NotFound;

/** No org unit has the code asked for. */
public class OrgUnitNotFound extends NotFound {

    public OrgUnitNotFound(String code) {
        super("org-unit-not-found", "No org unit has the code " + code);
    }
}
