package org.liudong.registry.web;

import java.util.ArrayList;
import java.util.List;
import org.liudong.registry.PersonDetails;
import org.liudong.registry.PersonInput;
import org.liudong.registry.PersonQueries;

/** The register and edit form as the browser posts it; converted to {@link PersonInput} for validation. */
public class PersonForm {

    private String name;
    private String idNumber;
    private String ethnicity;
    private String education;
    private String maritalStatus;
    private String householdType;
    private String householdCode;
    private String householdAddress;
    private String phone;
    private String employer;
    private String occupation;
    private String spouseName;
    private String spouseIdNumber;
    private String spouseHouseholdCode;
    private List<ChildRow> children = new ArrayList<>(List.of(new ChildRow(), new ChildRow(), new ChildRow()));
    private String contraceptionCode;
    private String contraceptionSince;
    private String pregnancyStatus;
    private String certNumber;
    private String certIssuer;
    private String certIssuedOn;
    private String certValidUntil;
    private String certCheckedOn;
    private String certCheckedBy;
    private String communityCode;
    private String address;
    private String housingType;
    private String movedIn;
    private String reason;
    private boolean expectsReturn;
    private boolean confirmDuplicate;
    private int version;

    /** One child row of the form; empty rows are ignored. */
    public static class ChildRow {
        private String birthDate;
        private String sex;
        private String order;

        public String getBirthDate() {
            return birthDate;
        }

        public void setBirthDate(String birthDate) {
            this.birthDate = birthDate;
        }

        public String getSex() {
            return sex;
        }

        public void setSex(String sex) {
            this.sex = sex;
        }

        public String getOrder() {
            return order;
        }

        public void setOrder(String order) {
            this.order = order;
        }

        boolean isBlank() {
            return blank(birthDate) && blank(sex) && blank(order);
        }
    }

    PersonInput toInput() {
        List<PersonInput.ChildInput> childInputs = children.stream()
                .filter(row -> row != null && !row.isBlank())
                .map(row -> new PersonInput.ChildInput(row.birthDate, row.sex, row.order))
                .toList();
        boolean hasSpouse = !blank(spouseName) || !blank(spouseIdNumber) || !blank(spouseHouseholdCode);
        boolean hasCertificate = !blank(certNumber)
                || !blank(certIssuer)
                || !blank(certIssuedOn)
                || !blank(certValidUntil)
                || !blank(certCheckedOn)
                || !blank(certCheckedBy);
        return new PersonInput(
                name,
                idNumber,
                null,
                ethnicity,
                education,
                maritalStatus,
                householdType,
                householdCode,
                householdAddress,
                phone,
                employer,
                occupation,
                hasSpouse ? new PersonInput.SpouseInput(spouseName, spouseIdNumber, spouseHouseholdCode) : null,
                childInputs,
                contraceptionCode,
                contraceptionSince,
                pregnancyStatus,
                hasCertificate
                        ? new PersonInput.CertificateInput(
                                certNumber, certIssuer, certIssuedOn, certValidUntil, certCheckedOn, certCheckedBy)
                        : null,
                new PersonInput.ResidenceInput(communityCode, address, housingType, movedIn, reason, expectsReturn));
    }

    /**
     * The edit form of a person as the editor's role may see it: ID numbers masked for a role that does not see
     * them in full, no reproductive health for a role that may not see it (the update keeps what is not shown).
     */
    static PersonForm of(PersonQueries.Editable editable) {
        PersonDetails details = editable.details();
        PersonForm form = new PersonForm();
        form.name = details.name();
        form.idNumber = editable.idNumbers()
                ? details.idNumber().value()
                : details.idNumber().masked();
        form.ethnicity = details.ethnicity();
        form.education = details.education();
        form.maritalStatus = details.maritalStatus();
        form.householdType = details.householdType();
        form.householdCode = details.householdCode();
        form.householdAddress = details.householdAddress();
        form.phone = details.phone();
        form.employer = details.employer();
        form.occupation = details.occupation();
        form.spouseName = details.spouse().name();
        form.spouseIdNumber = details.spouse().idNumber() == null
                ? null
                : editable.idNumbers()
                        ? details.spouse().idNumber().value()
                        : details.spouse().idNumber().masked();
        form.spouseHouseholdCode = details.spouse().householdCode();
        form.children = new ArrayList<>();
        for (PersonDetails.Child child :
                editable.reproductiveHealth() ? details.children() : List.<PersonDetails.Child>of()) {
            ChildRow row = new ChildRow();
            row.birthDate = child.birthDate().toString();
            row.sex = child.sex();
            row.order = String.valueOf(child.childOrder());
            form.children.add(row);
        }
        while (form.children.size() < 3) {
            form.children.add(new ChildRow());
        }
        if (editable.reproductiveHealth()) {
            form.contraceptionCode = details.contraceptionCode();
            form.contraceptionSince = details.contraceptionSince() == null
                    ? null
                    : details.contraceptionSince().toString();
            form.pregnancyStatus = details.pregnancyStatus();
        }
        var certificate = details.certificate();
        form.certNumber = certificate.number();
        form.certIssuer = certificate.issuer();
        form.certIssuedOn = text(certificate.issuedOn());
        form.certValidUntil = text(certificate.validUntil());
        form.certCheckedOn = text(certificate.checkedOn());
        form.certCheckedBy = certificate.checkedBy();
        form.version = editable.version();
        return form;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    // accessors for data binding and templates

    public String getName() {
        return name;
    }

    public void setName(String v) {
        name = v;
    }

    public String getIdNumber() {
        return idNumber;
    }

    public void setIdNumber(String v) {
        idNumber = v;
    }

    public String getEthnicity() {
        return ethnicity;
    }

    public void setEthnicity(String v) {
        ethnicity = v;
    }

    public String getEducation() {
        return education;
    }

    public void setEducation(String v) {
        education = v;
    }

    public String getMaritalStatus() {
        return maritalStatus;
    }

    public void setMaritalStatus(String v) {
        maritalStatus = v;
    }

    public String getHouseholdType() {
        return householdType;
    }

    public void setHouseholdType(String v) {
        householdType = v;
    }

    public String getHouseholdCode() {
        return householdCode;
    }

    public void setHouseholdCode(String v) {
        householdCode = v;
    }

    public String getHouseholdAddress() {
        return householdAddress;
    }

    public void setHouseholdAddress(String v) {
        householdAddress = v;
    }

    public String getPhone() {
        return phone;
    }

    public void setPhone(String v) {
        phone = v;
    }

    public String getEmployer() {
        return employer;
    }

    public void setEmployer(String v) {
        employer = v;
    }

    public String getOccupation() {
        return occupation;
    }

    public void setOccupation(String v) {
        occupation = v;
    }

    public String getSpouseName() {
        return spouseName;
    }

    public void setSpouseName(String v) {
        spouseName = v;
    }

    public String getSpouseIdNumber() {
        return spouseIdNumber;
    }

    public void setSpouseIdNumber(String v) {
        spouseIdNumber = v;
    }

    public String getSpouseHouseholdCode() {
        return spouseHouseholdCode;
    }

    public void setSpouseHouseholdCode(String v) {
        spouseHouseholdCode = v;
    }

    public List<ChildRow> getChildren() {
        return children;
    }

    public void setChildren(List<ChildRow> v) {
        children = v;
    }

    public String getContraceptionCode() {
        return contraceptionCode;
    }

    public void setContraceptionCode(String v) {
        contraceptionCode = v;
    }

    public String getContraceptionSince() {
        return contraceptionSince;
    }

    public void setContraceptionSince(String v) {
        contraceptionSince = v;
    }

    public String getPregnancyStatus() {
        return pregnancyStatus;
    }

    public void setPregnancyStatus(String v) {
        pregnancyStatus = v;
    }

    public String getCertNumber() {
        return certNumber;
    }

    public void setCertNumber(String v) {
        certNumber = v;
    }

    public String getCertIssuer() {
        return certIssuer;
    }

    public void setCertIssuer(String v) {
        certIssuer = v;
    }

    public String getCertIssuedOn() {
        return certIssuedOn;
    }

    public void setCertIssuedOn(String v) {
        certIssuedOn = v;
    }

    public String getCertValidUntil() {
        return certValidUntil;
    }

    public void setCertValidUntil(String v) {
        certValidUntil = v;
    }

    public String getCertCheckedOn() {
        return certCheckedOn;
    }

    public void setCertCheckedOn(String v) {
        certCheckedOn = v;
    }

    public String getCertCheckedBy() {
        return certCheckedBy;
    }

    public void setCertCheckedBy(String v) {
        certCheckedBy = v;
    }

    public String getCommunityCode() {
        return communityCode;
    }

    public void setCommunityCode(String v) {
        communityCode = v;
    }

    public String getAddress() {
        return address;
    }

    public void setAddress(String v) {
        address = v;
    }

    public String getHousingType() {
        return housingType;
    }

    public void setHousingType(String v) {
        housingType = v;
    }

    public String getMovedIn() {
        return movedIn;
    }

    public void setMovedIn(String v) {
        movedIn = v;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String v) {
        reason = v;
    }

    public boolean isExpectsReturn() {
        return expectsReturn;
    }

    public void setExpectsReturn(boolean v) {
        expectsReturn = v;
    }

    public boolean isConfirmDuplicate() {
        return confirmDuplicate;
    }

    public void setConfirmDuplicate(boolean v) {
        confirmDuplicate = v;
    }

    public int getVersion() {
        return version;
    }

    public void setVersion(int v) {
        version = v;
    }
}
