package org.liudong.indicators;

import java.time.LocalDate;
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
}
