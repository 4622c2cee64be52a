package org.liudong.registry;

import java.time.Instant;
import java.util.List;

/** One change of a person: who, when, what kind, and each field before and after. */
public record HistoryEntry(
        long personId, int version, Instant at, String actor, String action, List<FieldChange> changes) {}
