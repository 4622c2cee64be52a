package org.liudong.divisions;

import org.liudong.shared.NotFound;

/** No division, current or historical, has the code asked for. */
public class DivisionNotFound extends NotFound {

    public DivisionNotFound(String code) {
        super("division-not-found", "No division has the code " + code);
    }
}
