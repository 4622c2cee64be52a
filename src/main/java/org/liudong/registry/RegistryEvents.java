package org.liudong.registry;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Events the ledger publishes. They are published inside the transaction of the change, so a listener that
 * writes (an audit row, an exchange outbox row) commits or rolls back with it. They carry the person's
 * plain ID number because listeners such as the exchange need it; events never leave the process.
 */
public final class RegistryEvents {

    private RegistryEvents() {}

    /** What every person event says about whom. */
    public record PersonRef(
            long personId,
            String idNumber,
            String name,
            String sex,
            LocalDate birthDate,
            String householdCode,
            String orgPath) {}

    /** A person was put on the ledger, with their first residence episode, and classified. */
    public record PersonRegistered(
            PersonRef person, String communityCode, LocalDate movedIn, String category, String actor, Instant at) {}

    /** A person's record changed; {@code fields} names what changed. */
    public record PersonChanged(PersonRef person, java.util.List<String> fields, String actor, Instant at) {}

    /** A person moved within the district: one episode closed, the next opened. */
    public record PersonMovedWithin(
            PersonRef person,
            String fromCommunityCode,
            String toCommunityCode,
            LocalDate on,
            String actor,
            Instant at) {}

    /** A person moved out of the district; {@code destinationCode} is a division code when known. */
    public record PersonMovedOut(PersonRef person, LocalDate on, String destinationCode, String actor, Instant at) {}

    /** A person's Decree 555 category changed (an input changed, or they aged out of the window). */
    public record PersonReclassified(PersonRef person, String from, String to, Instant at) {}

    /** Someone read a person's record (page, API or an opened search hit), or revealed a full ID number. */
    public record PersonRead(long personId, String orgPath, String actor, String how, Instant at) {}

    /** Two records of one person were merged; {@code mergedId} no longer exists on its own. */
    public record PersonsMerged(long keptId, long mergedId, String orgPath, String actor, Instant at) {}

    /** A bulk import registered and updated persons; {@code registeredIds} are the new records. */
    public record PersonsImported(
            String jobRef, long[] registeredIds, int updated, String actor, String orgPath, Instant at) {}

    /** Persons were exported to a file. */
    public record PersonsExported(int count, String format, String filter, String actor, String orgPath, Instant at) {}
}
