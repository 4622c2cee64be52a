package org.liudong.imports.demo;

/**
 * A part of the demo district that another module adds after the persons exist (service sites, services,
 * exchange traffic). Steps are Spring beans run in {@link org.springframework.core.annotation.Order} order (or side
 * by side, see {@link #after}), with the signed-in system account, each given the seed and the persons created; a
 * step must be deterministic for its seed and must not depend on other steps' beans.
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
     * The names of the steps whose writes this step reads (besides the persons): it starts once they are done, and
     * must read nothing else that another step writes. Steps that wait for nothing between them run side by side, two
     * at a time (on two cores, one step's database work beside another's generating); what each writes still depends
     * on the seed alone. Null, the default, stands for every step ordered before this one.
     */
    default java.util.Set<String> after() {
        return null;
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
