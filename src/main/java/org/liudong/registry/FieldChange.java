package org.liudong.registry;

/**
 * One changed field of a person: its name, and the values before and after (sensitive values masked). A change
 * shown to someone whose role may not see the field keeps its name and withholds both values.
 */
public record FieldChange(String field, String before, String after) {

    static FieldChange withheld(String field) {
        return new FieldChange(field, null, null);
    }

    /** Whether the values are withheld: a recorded change always differs, so it never has two empty values. */
    public boolean withheld() {
        return before == null && after == null;
    }
}
