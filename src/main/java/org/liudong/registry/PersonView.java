package org.liudong.registry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A person as a page or the API shows them to the signed-in user: the ID number masked, and address,
 * phone and reproductive-health fields left out (null, named in {@code hidden}) for roles that may not see them.
 */
public record PersonView(
        long id,
        String idNumber,
        String name,
        String sex,
        LocalDate birthDate,
        int age,
        String ethnicity,
        String education,
        String maritalStatus,
        String householdType,
        String householdCode,
        String householdName,
        boolean householdHistorical,
        String householdAddress,
        String phone,
        String employer,
        String occupation,
        SpouseView spouse,
        List<PersonDetails.Child> children,
        String contraceptionCode,
        LocalDate contraceptionSince,
        String pregnancyStatus,
        PersonDetails.Certificate certificate,
        ClassificationView classification,
        String status,
        Long mergedInto,
        String communityCode,
        String communityName,
        String orgPath,
        String address,
        List<EpisodeView> episodes,
        LocalDate lastVerifiedOn,
        int version,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy,
        List<String> hidden) {

    /** The spouse with the ID number masked. */
    public record SpouseView(String name, String idNumber, String householdCode) {}

    /** The Decree 555 classification as stored. */
    public record ClassificationView(String category, String article, String reason, LocalDate classifiedOn) {}

    /** A residence episode; the address is null where hidden. */
    public record EpisodeView(
            String communityCode,
            String communityName,
            String address,
            String housingType,
            LocalDate movedIn,
            LocalDate movedOut,
            String reason,
            boolean expectsReturn,
            String destinationCode,
            String endKind) {}
}
