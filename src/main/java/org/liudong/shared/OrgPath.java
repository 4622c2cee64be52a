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

    /**
     * The SQL expression that picks, from a path column of a row in this subtree, the code of the child of this
     * unit the row lies under (empty for the unit itself): a subtree's counts grouped by it come out per child.
     */
    public String childCodeSql(String pathColumn) {
        // the path's leading slash makes the first part empty: the child's segment is part depth + 2
        return "split_part(" + pathColumn + ", '/', " + (depth() + 2) + ")";
    }

    @Override
    public String toString() {
        return value;
    }
}
