package org.liudong.indicators;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.liudong.shared.OrgPath;

/**
 * A source of counts an indicator's numerator or denominator names, such as {@code PERSONS} or
 * {@code FREE_PREGNANCY_CHECK}. Modules implement it as beans (the ledger's and the sites' measures ship with
 * this module; the services module provides the service measures); an indicator whose measure no bean
 * provides shows "no source yet".
 */
public interface MeasureSource {

    /** The measure names this source counts. */
    Set<String> measures();

    /** The count of a measure within a subtree for the period {@code from}–{@code to} (inclusive). */
    long count(String measure, OrgPath path, LocalDate from, LocalDate to);

    /** The count with the definition's filters; sources that have no filters ignore them. */
    default long count(String measure, MeasureFilter filter, OrgPath path, LocalDate from, LocalDate to) {
        return count(measure, path, from, to);
    }

    /**
     * The counts for several subtrees at once (a board's unit and its children), in the order given; sources
     * that can answer them in one pass override this.
     */
    default Map<OrgPath, Long> countEach(
            String measure, MeasureFilter filter, List<OrgPath> paths, LocalDate from, LocalDate to) {
        Map<OrgPath, Long> counts = new LinkedHashMap<>();
        for (OrgPath path : paths) {
            counts.put(path, count(measure, filter, path, from, to));
        }
        return counts;
    }

    /** The parent of the other paths when {@code paths} are a unit followed by its direct children. */
    static java.util.Optional<OrgPath> parentOfRest(List<OrgPath> paths) {
        if (paths.size() < 2) {
            return java.util.Optional.empty();
        }
        OrgPath parent = paths.get(0);
        for (OrgPath child : paths.subList(1, paths.size())) {
            if (!parent.contains(child) || child.depth() != parent.depth() + 1) {
                return java.util.Optional.empty();
            }
        }
        return java.util.Optional.of(parent);
    }
}
