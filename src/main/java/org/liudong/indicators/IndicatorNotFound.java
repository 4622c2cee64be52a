package org.liudong.indicators;

import org.liudong.shared.NotFound;

/** No indicator has this code. */
public class IndicatorNotFound extends NotFound {

    public IndicatorNotFound(String code) {
        super("indicator", "No indicator " + code);
    }
}
