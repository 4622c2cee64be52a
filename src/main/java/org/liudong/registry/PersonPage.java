package org.liudong.registry;

import java.util.List;

/**
 * One page of the person list. {@code total} counts the matching persons up to a cap ({@link #CAP} unless
 * configured); when more match, {@code more} is true and the pages run over the first ones found, so that a one-character name or a
 * whole district costs the same as a narrow search — the list asks the user to narrow it. {@code allMatching} is how
 * many match in all, when more do and the search is one the counting rollups answer (the persons living in a place,
 * of a category); otherwise {@code null}.
 */
public record PersonPage(List<PersonSummary> items, int page, int size, long total, boolean more, Long allMatching) {

    /** The most matches counted and paged through, unless {@code liudong.registry.search-cap} says otherwise. */
    public static final int CAP = 10_000;

    public int pages() {
        return (int) Math.max(1, (total + size - 1) / size);
    }
}
