package org.liudong.shared;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The materialised path of an org unit, {@code /11/110107/110107001/}: one segment per level from the
 * root down, so that a subtree is everything whose path starts with its root's path.
 */
public record OrgPath(String value) {

    private static final Pattern SHAPE = Pattern.compile("(/[0-9A-Za-z-]+)+/");

    public OrgPath {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("Not an org path: " + value);
        }
    }

    public static OrgPath root(String code) {
        return new OrgPath("/" + code + "/");
    }

    public OrgPath child(String code) {
        return new OrgPath(value + code + "/");
    }

    /** Whether {@code other} lies in this path's subtree (a path contains itself). */
    public boolean contains(OrgPath other) {
        return other.value.startsWith(value);
    }

    public List<String> segments() {
        return Arrays.asList(value.substring(1, value.length() - 1).split("/"));
    }

    public String leaf() {
        List<String> segments = segments();
        return segments.get(segments.size() - 1);
    }

    public int depth() {
        return segments().size();
    }

    @Override
    public String toString() {
        return value;
    }
}
