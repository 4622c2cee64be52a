package org.liudong.registry;

import java.util.List;

/**
 * A person as typed into the register form or sent to the API: every value as text, so that each wrong
 * field can be named and explained rather than failing the whole request. Dates are ISO (YYYY-MM-DD),
 * codes are those of the code tables.
 */
public record PersonInput(
        String name,
        String idNumber,
        String sex,
        String ethnicity,
        String education,
        String maritalStatus,
        String householdType,
        String householdCode,
        String householdAddress,
        String phone,
        String employer,
        String occupation,
        SpouseInput spouse,
        List<ChildInput> children,
        String contraceptionCode,
        String contraceptionSince,
        String pregnancyStatus,
        CertificateInput certificate,
        ResidenceInput residence) {

    public PersonInput {
        children = children == null ? List.of() : children;
    }

    /** The spouse. */
    public record SpouseInput(String name, String idNumber, String householdCode) {}

    /** A child. */
    public record ChildInput(String birthDate, String sex, String order) {}

    /** The marriage-and-childbearing certificate. */
    public record CertificateInput(
            String number, String issuer, String issuedOn, String validUntil, String checkedOn, String checkedBy) {}

    /** Where the person lives (ignored when editing; moves have their own call). */
    public record ResidenceInput(
            String communityCode,
            String address,
            String housingType,
            String movedIn,
            String reason,
            Boolean expectsReturn,
            String siteId) {

        public ResidenceInput(
                String communityCode,
                String address,
                String housingType,
                String movedIn,
                String reason,
                Boolean expectsReturn) {
            this(communityCode, address, housingType, movedIn, reason, expectsReturn, null);
        }
    }
}
