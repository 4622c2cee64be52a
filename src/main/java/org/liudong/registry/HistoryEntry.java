package org.liudong.registry;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** One change of a person: who, when, what kind, and each field before and after. */
public record HistoryEntry(
        long personId, int version, Instant at, String actor, String action, List<FieldChange> changes) {

    /** The entry as shown to someone who may not see {@code hiddenFields}: their values withheld. */
    HistoryEntry withholding(Set<String> hiddenFields) {
        if (changes.stream().noneMatch(c -> hiddenFields.contains(c.field()))) {
            return this;
        }
        return new HistoryEntry(
                personId,
                version,
                at,
                actor,
                action,
                changes.stream()
                        .map(c -> hiddenFields.contains(c.field()) ? FieldChange.withheld(c.field()) : c)
                        .toList());
    }
}
