package org.liudong.registry;

/**
 * Filters of the person list; every one optional. {@code orgCode} narrows to a street or community inside
 * the caller's scope; {@code ageBand} is "min-max" in whole years; {@code status} is ACTIVE or MOVED_OUT;
 * {@code verification} DUE keeps those not verified at their address (核实) within {@link #VERIFY_EVERY_DAYS}
 * days, or never: a community worker's list of doors to knock on.
 */
public record PersonFilter(
        String name,
        String orgCode,
        String category,
        String sex,
        String ageBand,
        String originProvince,
        String status,
        String verification) {

    /** How often a person living in the district is verified at the address: every half year. */
    public static final int VERIFY_EVERY_DAYS = 183;

    /** What {@code verification=DUE} keeps, as a condition on a person row {@code p}, with {@code :verifiedSince}. */
    static final String VERIFICATION_DUE = "(p.last_verified_on is null or p.last_verified_on < :verifiedSince)";

    /** The day before which a verification is due again. */
    static java.time.LocalDate verifiedSince(java.time.LocalDate today) {
        return today.minusDays(VERIFY_EVERY_DAYS);
    }

    public static PersonFilter none() {
        return new PersonFilter(null, null, null, null, null, null, null, null);
    }
}
