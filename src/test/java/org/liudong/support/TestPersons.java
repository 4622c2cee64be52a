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
     * Every column filled: Hui, senior high school, remarried, agricultural household from Hebei with its address, a
     * phone, employer and occupation, a spouse, two children, an IUD, not pregnant and a checked certificate.
     */
    public static PersonInput everything(
            String name, String idNumber, String spouseId, PersonInput.ResidenceInput residence) {
        return new PersonInput(
                name,
                idNumber,
                null,
                "03",
                "30",
                "22",
                "2",
                "130602",
                "河北省石家庄市长安区建设北大街12号",
                "13803110042",
                "鲁谷商场",
                "商业服务",
                new PersonInput.SpouseInput("庚", spouseId, "130602"),
                List.of(
                        new PersonInput.ChildInput("2010-05-01", "2", "1"),
                        new PersonInput.ChildInput("2013-07-09", "1", "2")),
                "100",
                "2013-09-01",
                "NOT_PREGNANT",
                new PersonInput.CertificateInput(
                        "冀石2012-0042", "石家庄市长安区人口计生局", "2012-01-10", "2015-01-09", "2012-04-01", "王明"),
                residence);
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
