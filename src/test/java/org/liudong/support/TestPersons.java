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
}
