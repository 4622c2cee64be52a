package org.liudong.divisions;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One administrative division; {@code type} is set only for county-level units, and {@code historical} marks
 * an abolished code (whose {@code name} may be unknown, hence null).
 */
public record Division(
        String code, String name, DivisionLevel level, CountyType type, String parentCode, boolean historical) {

    public Division {
        if (code == null || level == null) {
            throw new IllegalArgumentException("A division needs a code and a level");
        }
        if ((level == DivisionLevel.COUNTY) != (type != null)) {
            throw new IllegalArgumentException(
                    "Division " + code + ": a county type belongs to county-level units only");
        }
        if (name == null && !historical) {
            throw new IllegalArgumentException("Division " + code + ": only a historical division may lack a name");
        }
    }

    @JsonIgnore
    public boolean isDistrict() {
        return type == CountyType.DISTRICT;
    }
}
