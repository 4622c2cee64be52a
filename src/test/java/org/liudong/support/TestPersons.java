package org.liudong.support;

import java.util.List;
import org.liudong.registry.PersonInput;

/** Inputs of persons for tests. */
public final class TestPersons {

    private TestPersons() {}

    /**
     * Only what the form requires, and married: from Hebei (130602), living in a community since 2012-03-05, for
     * work or business.
     */
    public static PersonInput minimal(String name, String idNumber, String communityCode) {
        return new PersonInput(
                name,
                idNumber,
                null,
                null,
                null,
                "20",
                null,
                "130602",
                null,
                null,
                null,
                null,
                null,
                List.of(),
                null,
                null,
                null,
                null,
                new PersonInput.ResidenceInput(communityCode, null, null, "2012-03-05", "WORK_BUSINESS", false));
    }

    /**
     * A {@link #minimal} woman's family details as an edit fills them in: Han, junior high school, remarried, a
     * household address, a daughter born 2010-05-01 and an IUD since 2010-09-01.
     */
    public static PersonInput familyFilledIn(PersonInput before) {
        return new PersonInput(
                before.name(),
                before.idNumber(),
                before.sex(),
                "01",
                "70",
                "22",
                before.householdType(),
                before.householdCode(),
                "河北省石家庄市长安区建设北大街12号",
                before.phone(),
                before.employer(),
                before.occupation(),
                before.spouse(),
                List.of(new PersonInput.ChildInput("2010-05-01", "2", "1")),
                "700",
                "2010-09-01",
                before.pregnancyStatus(),
                before.certificate(),
                before.residence());
    }
}
