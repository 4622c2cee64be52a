package org.liudong.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.liudong.shared.IdNumber;

/** What differs between two versions of a person's details, field by field, sensitive values masked. */
final class Changes {

    private Changes() {}

    static List<FieldChange> between(PersonDetails before, PersonDetails after) {
        List<FieldChange> changes = new ArrayList<>();
        compare(changes, "name", before.name(), after.name());
        compare(changes, "idNumber", masked(before.idNumber()), masked(after.idNumber()));
        if (!Objects.equals(before.idNumber(), after.idNumber())
                && Objects.equals(masked(before.idNumber()), masked(after.idNumber()))) {
            changes.add(new FieldChange("idNumber", masked(before.idNumber()), masked(after.idNumber()) + " (更正)"));
        }
        compare(changes, "ethnicity", before.ethnicity(), after.ethnicity());
        compare(changes, "education", before.education(), after.education());
        compare(changes, "maritalStatus", before.maritalStatus(), after.maritalStatus());
        compare(changes, "householdType", before.householdType(), after.householdType());
        compare(changes, "householdCode", before.householdCode(), after.householdCode());
        compare(changes, "householdAddress", before.householdAddress(), after.householdAddress());
        compare(changes, "phone", PersonViews.maskPhone(before.phone()), PersonViews.maskPhone(after.phone()));
        if (!Objects.equals(before.phone(), after.phone())
                && Objects.equals(PersonViews.maskPhone(before.phone()), PersonViews.maskPhone(after.phone()))) {
            changes.add(new FieldChange(
                    "phone", PersonViews.maskPhone(before.phone()), PersonViews.maskPhone(after.phone()) + " (更正)"));
        }
        compare(changes, "employer", before.employer(), after.employer());
        compare(changes, "occupation", before.occupation(), after.occupation());
        compare(changes, "spouse.name", before.spouse().name(), after.spouse().name());
        compare(
                changes,
                "spouse.idNumber",
                masked(before.spouse().idNumber()),
                masked(after.spouse().idNumber()));
        compare(
                changes,
                "spouse.householdCode",
                before.spouse().householdCode(),
                after.spouse().householdCode());
        compare(changes, "children", String.valueOf(before.children()), String.valueOf(after.children()));
        compare(changes, "contraceptionCode", before.contraceptionCode(), after.contraceptionCode());
        compare(changes, "contraceptionSince", before.contraceptionSince(), after.contraceptionSince());
        compare(changes, "pregnancyStatus", before.pregnancyStatus(), after.pregnancyStatus());
        var c1 = before.certificate();
        var c2 = after.certificate();
        compare(changes, "certificate.number", c1.number(), c2.number());
        compare(changes, "certificate.issuer", c1.issuer(), c2.issuer());
        compare(changes, "certificate.issuedOn", c1.issuedOn(), c2.issuedOn());
        compare(changes, "certificate.validUntil", c1.validUntil(), c2.validUntil());
        compare(changes, "certificate.checkedOn", c1.checkedOn(), c2.checkedOn());
        compare(changes, "certificate.checkedBy", c1.checkedBy(), c2.checkedBy());
        return changes;
    }

    /** One text holding every detail field, for a keyed fingerprint of what is recorded. */
    static String canonical(PersonDetails d) {
        var c = d.certificate();
        return String.join(
                "\u001f",
                java.util.Arrays.asList(
                                d.name(),
                                d.idNumber().value(),
                                d.ethnicity(),
                                d.education(),
                                d.maritalStatus(),
                                d.householdType(),
                                d.householdCode(),
                                d.householdAddress(),
                                d.phone(),
                                d.employer(),
                                d.occupation(),
                                d.spouse().name(),
                                d.spouse().idNumber() == null
                                        ? null
                                        : d.spouse().idNumber().value(),
                                d.spouse().householdCode(),
                                String.valueOf(d.children()),
                                d.contraceptionCode(),
                                String.valueOf(d.contraceptionSince()),
                                d.pregnancyStatus(),
                                c.number(),
                                c.issuer(),
                                String.valueOf(c.issuedOn()),
                                String.valueOf(c.validUntil()),
                                String.valueOf(c.checkedOn()),
                                c.checkedBy())
                        .stream()
                        .map(String::valueOf)
                        .toList());
    }

    private static void compare(List<FieldChange> changes, String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            changes.add(new FieldChange(
                    field, before == null ? null : before.toString(), after == null ? null : after.toString()));
        }
    }

    private static String masked(IdNumber idNumber) {
        return idNumber == null ? null : idNumber.masked();
    }
}
