package org.liudong.imports.demo;

/**
 * A part of the demo district that another module adds after the persons exist (service sites, services,
 * exchange traffic). Steps are Spring beans run in {@link org.springframework.core.annotation.Order} order, with
 * the signed-in system account, each given the seed and the persons created; a step must be deterministic for
 * its seed and must not depend on other steps' beans.
 */
public interface DemoStep {

    /** A short name for logs, e.g. "sites". */
    String name();

    void run(Context context);

    /**
     * What the persons step produced. {@code personIds} are in row order, so a step can draw from them with
     * its own random source seeded from {@code seed}; {@code scale} is 1 for the full district.
     */
    record Context(long seed, double scale, long[] personIds) {}
}
