package org.liudong.services;

import java.time.Instant;
import java.time.LocalDate;

/** Events of the services module, published in the transaction of the change; the audit trail records them. */
public final class ServiceEvents {

    private ServiceEvents() {}

    /** A service was recorded; {@code overrideNote} is set when an officer overrode a refusal. */
    public record ServiceProvided(
            long recordId,
            long personId,
            String service,
            LocalDate on,
            String orgPath,
            String overrideNote,
            String actor,
            Instant at) {}

    /** A service record was corrected; the previous values are kept in its history. */
    public record ServiceCorrected(
            long recordId, long personId, String orgPath, String reason, String actor, Instant at) {}

    /** A worker visited a person due for a service and could not give it. */
    public record VisitRecorded(
            long personId, String service, String orgPath, String reason, String actor, Instant at) {}

    /** A due list (names of persons) was read or exported for a unit and month. */
    public record DueListRead(String orgPath, String month, int rows, String how, String actor, Instant at) {}

    /** A system administrator added, renamed, retired or restored a service of the catalogue. */
    public record CatalogueChanged(String code, String what, String actor, Instant at) {}

    /**
     * A service was recorded for the attendees of a site activity: how many were recorded and how many were
     * not eligible (each recorded one is also a {@link ServiceProvided}).
     */
    public record ActivityServicesRecorded(
            long activityId, String service, String orgPath, int recorded, int ineligible, String actor, Instant at) {}

    /** A file of service records was imported (or tried, when {@code dryRun}). */
    public record ServicesImported(
            long importId,
            String fileName,
            boolean dryRun,
            int rows,
            int invalid,
            int applied,
            String orgPath,
            String actor,
            Instant at) {}
}
