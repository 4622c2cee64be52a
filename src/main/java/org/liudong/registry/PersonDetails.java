package org.liudong.registry;

import java.time.LocalDate;
import java.util.List;
import org.liudong.shared.IdNumber;

/**
 * Everything about a person that is not where they live: identity, household registration (户籍), family,
 * contraception, pregnancy status and the marriage-and-childbearing certificate (婚育证明). Sex and birth
 * date come from the ID number.
 */
public record PersonDetails(
        String name,
        IdNumber idNumber,
        String ethnicity,
        String education,
        String maritalStatus,
        String householdType,
        String householdCode,
        String householdAddress,
        String phone,
        String employer,
        String occupation,
        Spouse spouse,
        List<Child> children,
        String contraceptionCode,
        LocalDate contraceptionSince,
        String pregnancyStatus,
        Certificate certificate) {

    public PersonDetails {
        children = children == null ? List.of() : List.copyOf(children);
        spouse = spouse == null ? Spouse.NONE : spouse;
        certificate = certificate == null ? Certificate.NONE : certificate;
    }

    public String sex() {
        return idNumber.sex();
    }

    public LocalDate birthDate() {
        return idNumber.birthDate();
    }

    /** The spouse as the ledger records them; the ID number is optional. */
    public record Spouse(String name, IdNumber idNumber, String householdCode) {
        public static final Spouse NONE = new Spouse(null, null, null);
    }

    /** A child: birth date, sex and birth order (孩次). */
    public record Child(LocalDate birthDate, String sex, int childOrder) {}

    /** The marriage-and-childbearing certificate (婚育证明) and its check at the place of residence. */
    public record Certificate(
            String number,
            String issuer,
            LocalDate issuedOn,
            LocalDate validUntil,
            LocalDate checkedOn,
            String checkedBy) {
        public static final Certificate NONE = new Certificate(null, null, null, null, null, null);
    }
}
