package org.liudong.registry;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import org.liudong.divisions.Division;
import org.liudong.divisions.Divisions;
import org.liudong.org.OrgUnit;
import org.liudong.org.OrgUnits;
import org.liudong.security.FieldEncryption;
import org.liudong.shared.IdNumber;
import org.liudong.shared.ScopedUser;
import org.springframework.stereotype.Component;

/** Builds what a user may see of a person: masking and hiding by role, names for codes. */
@Component
class PersonViews {

    private final FieldEncryption encryption;
    private final Divisions divisions;
    private final OrgUnits orgUnits;

    PersonViews(FieldEncryption encryption, Divisions divisions, OrgUnits orgUnits) {
        this.encryption = encryption;
        this.divisions = divisions;
        this.orgUnits = orgUnits;
    }

    /**
     * The fields a user's role may not see (address and phone, reproductive health), by the names the person's
     * view and its change history use.
     */
    static List<String> hiddenFields(ScopedUser user) {
        List<String> hidden = new ArrayList<>();
        if (!PersonalData.canSeeAddress(user)) {
            hidden.addAll(List.of("address", "householdAddress", "phone"));
        }
        if (!PersonalData.canSeeReproductiveHealth(user)) {
            hidden.addAll(List.of("contraceptionCode", "contraceptionSince", "pregnancyStatus", "children"));
        }
        return List.copyOf(hidden);
    }

    PersonView view(Person person, ScopedUser user) {
        boolean address = PersonalData.canSeeAddress(user);
        boolean reproductive = PersonalData.canSeeReproductiveHealth(user);
        List<String> hidden = hiddenFields(user);
        Division household = divisions.find(person.householdCode()).orElse(null);
        String spouseId =
                person.spouseIdEnc() == null ? null : new IdNumber(encryption.decrypt(person.spouseIdEnc())).masked();
        ResidenceEpisode last = person.lastEpisode();
        return new PersonView(
                person.id(),
                person.idNumberMasked(),
                person.name(),
                person.sex(),
                person.birthDate(),
                age(person.birthDate()),
                person.ethnicity(),
                person.education(),
                person.maritalStatus(),
                person.householdType(),
                person.householdCode(),
                household == null ? null : household.name(),
                household != null && household.historical(),
                address ? person.householdAddress() : null,
                address ? maskPhone(encryption.decrypt(person.phoneEnc())) : null,
                person.employer(),
                person.occupation(),
                new PersonView.SpouseView(person.spouseName(), spouseId, person.spouseHouseholdCode()),
                reproductive ? person.children() : List.of(),
                reproductive ? person.contraceptionCode() : null,
                reproductive ? person.contraceptionSince() : null,
                reproductive ? person.pregnancyStatus() : null,
                person.certificate(),
                new PersonView.ClassificationView(
                        person.category(), person.categoryArticle(), person.categoryReason(), person.classifiedOn()),
                person.status().name(),
                person.mergedInto(),
                person.communityCode(),
                communityName(person.communityCode()),
                person.orgPath().value(),
                address ? last.address() : null,
                person.episodes().stream()
                        .map(episode -> new PersonView.EpisodeView(
                                episode.communityCode(),
                                communityName(episode.communityCode()),
                                address ? episode.address() : null,
                                episode.housingType(),
                                episode.movedIn(),
                                episode.movedOut(),
                                episode.reason(),
                                episode.expectsReturn(),
                                episode.destinationCode(),
                                episode.endKind()))
                        .toList(),
                person.lastVerifiedOn(),
                person.version(),
                person.createdAt(),
                person.createdBy(),
                person.updatedAt(),
                person.updatedBy(),
                hidden);
    }

    /** The details as the edit form starts from them (plain values, for users who may edit). */
    PersonDetails details(Person person) {
        String spouseId = encryption.decrypt(person.spouseIdEnc());
        return new PersonDetails(
                person.name(),
                new IdNumber(encryption.decrypt(person.idNumberEnc())),
                person.ethnicity(),
                person.education(),
                person.maritalStatus(),
                person.householdType(),
                person.householdCode(),
                person.householdAddress(),
                encryption.decrypt(person.phoneEnc()),
                person.employer(),
                person.occupation(),
                new PersonDetails.Spouse(
                        person.spouseName(),
                        spouseId == null ? null : new IdNumber(spouseId),
                        person.spouseHouseholdCode()),
                person.children(),
                person.contraceptionCode(),
                person.contraceptionSince(),
                person.pregnancyStatus(),
                person.certificate());
    }

    /** Community names change rarely and lists show many rows, so they are kept once read. */
    private final java.util.Map<String, String> communityNames = new java.util.concurrent.ConcurrentHashMap<>();

    private final java.util.Map<String, String> provinceNames = new java.util.concurrent.ConcurrentHashMap<>();

    String communityName(String code) {
        return communityNames.computeIfAbsent(
                code, c -> orgUnits.find(c).map(OrgUnit::name).orElse(c));
    }

    String provinceName(String householdCode) {
        String province = householdCode.substring(0, 2);
        return provinceNames.computeIfAbsent(
                province, p -> divisions.find(p).map(Division::name).orElse(p));
    }

    static int age(LocalDate birthDate) {
        return Period.between(birthDate, LocalDate.now()).getYears();
    }

    static String maskPhone(String phone) {
        if (phone == null || phone.length() < 7) {
            return phone;
        }
        return phone.substring(0, 3) + "****" + phone.substring(phone.length() - 4);
    }
}
