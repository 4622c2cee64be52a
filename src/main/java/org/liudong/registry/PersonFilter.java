package org.liudong.registry;

/**
 * Filters of the person list; every one optional. {@code orgCode} narrows to a street or community inside
 * the caller's scope; {@code ageBand} is "min-max" in whole years; {@code status} is ACTIVE or MOVED_OUT.
 */
public record PersonFilter(
        String name,
        String orgCode,
        String category,
        String sex,
        String ageBand,
        String originProvince,
        String status) {

    public static PersonFilter none() {
        return new PersonFilter(null, null, null, null, null, null, null);
    }
}
