package org.liudong.imports.demo;

/**
 * A part of the demo district that another module adds after the persons exist (service sites, services,
 * exchange traffic). Steps are Spring beans run in {@link org.springframework.core.annotation.Order} order, with
 * the signed-in system account, each given the seed and the persons created; a step must be deterministic for
 * its seed and must not depend on other steps' beans.
 *
 * <p>A step may also have a part on a partner node of the demo network (a node serving the home counties of the
 * district's migrants, started with {@code --demo-exchange-partner}): there no persons are generated, and only
 * the steps whose {@link #partnerPart()} is true run, with {@link Context#partner()} set and no person ids, as
 * no user; such a step writes the partner's side of what it writes for the district.
 */
public interface DemoStep {

    /** A short name for logs, e.g. "sites". */
    String name();

    void run(Context context);

    /**
     * Whether other steps' work ahead reads what this step writes (the agreements, whose deadlines the exchange
     * history applies): such steps run first, in their order, before any work ahead starts. Such a step must depend on
     * the persons alone.
     */
    default boolean setsUp() {
        return false;
    }

    /**
     * Whether the step does part of its work ahead, by {@link #ahead}: generating what it will write while the steps
     * before it write (on two cores, the one generates while the database writes for the other).
     */
    default boolean worksAhead() {
        return false;
    }

    /**
     * For a step that {@link #worksAhead}: does what needs no writing (reading the persons, generating rows), on a
     * thread of its own, started once the persons exist and the steps that {@link #setsUp} have run; answers the
     * writing, which runs in the step's turn. It must not depend on what any other step writes.
     */
    default Runnable ahead(Context context) {
        return () -> run(context);
    }

    /** Whether this step also runs on a partner node of the demo network (see the class comment). */
    default boolean partnerPart() {
        return false;
    }

    /**
     * What the persons step produced. {@code personIds} are in row order, so a step can draw from them with
     * its own random source seeded from {@code seed}; {@code scale} is 1 for the full district. On a partner
     * node {@code partner} is true and {@code personIds} is empty: the district's persons exist only as
     * {@link DemoDistrict#residents} re-creates them from the seed.
     */
    record Context(long seed, double scale, long[] personIds, boolean partner) {

        public Context(long seed, double scale, long[] personIds) {
            this(seed, scale, personIds, false);
        }
    }
}
