package org.liudong.org;

import java.util.Objects;
import org.liudong.shared.OrgPath;

/** One unit of the org tree, identified by its division code. */
public record OrgUnit(String code, String name, OrgLevel level, String parentCode, OrgPath path) {

    public OrgUnit {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(path, "path");
        if (!path.leaf().equals(code)) {
            throw new IllegalArgumentException("Path " + path + " does not end in " + code);
        }
    }

    public int depth() {
        return path.depth();
    }
}
