package org.liudong.registry;

import java.util.List;
import org.liudong.shared.IdNumber;
import org.liudong.shared.InvalidFields;
import org.liudong.shared.InvalidFields.Violation;
import org.liudong.shared.ScopedUser;

/**
 * What an editor's role is not shown stays as it is. A role that does not see ID numbers in full (the site manager)
 * gets them masked, on the edit form and from the API; a role that may not see reproductive health gets none of it.
 * What such a role sends back for those fields, the masked number or nothing, keeps the stored values. Any other
 * value would replace something the role never saw, and is refused.
 */
final class HiddenFields {

    private HiddenFields() {}

    /** The input with the stored ID numbers in place of the masked ones, for a role that sees them masked. */
    static PersonInput keepIdNumbers(PersonInput input, PersonDetails before, ScopedUser user) {
        if (PersonalData.canRevealIdNumber(user)) {
            return input;
        }
        String idNumber = kept(input.idNumber(), before.idNumber(), "idNumber");
        PersonInput.SpouseInput spouse = input.spouse();
        IdNumber spouseBefore = before.spouse().idNumber();
        if (spouse != null && spouseBefore != null) {
            spouse = new PersonInput.SpouseInput(
                    spouse.name(), kept(spouse.idNumber(), spouseBefore, "spouse.idNumber"), spouse.householdCode());
        }
        return new PersonInput(
                input.name(),
                idNumber,
                input.sex(),
                input.ethnicity(),
                input.education(),
                input.maritalStatus(),
                input.householdType(),
                input.householdCode(),
                input.householdAddress(),
                input.phone(),
                input.employer(),
                input.occupation(),
                spouse,
                input.children(),
                input.contraceptionCode(),
                input.contraceptionSince(),
                input.pregnancyStatus(),
                input.certificate(),
                input.residence());
    }

    /** The details with the stored reproductive health, for a role that may not see it. */
    static PersonDetails keepReproductiveHealth(
            PersonInput input, PersonDetails details, PersonDetails before, ScopedUser user) {
        if (PersonalData.canSeeReproductiveHealth(user)) {
            return details;
        }
        boolean sent = input.children().stream().anyMatch(child -> !blank(child.birthDate()))
                || !blank(input.contraceptionCode())
                || !blank(input.contraceptionSince())
                || !blank(input.pregnancyStatus());
        if (sent) {
            throw new InvalidFields(List.of(
                    new Violation("contraceptionCode", "HIDDEN_HEALTH", "您的角色不能查看或修改婚育和生殖健康信息（避孕、孕情、子女），请不要填写这些项目")));
        }
        return new PersonDetails(
                details.name(),
                details.idNumber(),
                details.ethnicity(),
                details.education(),
                details.maritalStatus(),
                details.householdType(),
                details.householdCode(),
                details.householdAddress(),
                details.phone(),
                details.employer(),
                details.occupation(),
                details.spouse(),
                before.children(),
                before.contraceptionCode(),
                before.contraceptionSince(),
                before.pregnancyStatus(),
                details.certificate());
    }

    private static String kept(String given, IdNumber stored, String field) {
        if (blank(given) || given.strip().equals(stored.masked())) {
            return stored.value();
        }
        throw new InvalidFields(List.of(new Violation(field, "HIDDEN_ID", "您的角色不能修改身份证号码；如号码有误，请社区计生专干或街道更正")));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
