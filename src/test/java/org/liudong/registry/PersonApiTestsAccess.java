package org.liudong.registry;

import java.util.Map;

/** Lets tests of other modules build a person's JSON as the ledger's API tests do. */
public final class PersonApiTestsAccess {

    private PersonApiTestsAccess() {}

    public static Map<String, Object> person(String name, String idNumber, String community) {
        return PersonApiTests.person(name, idNumber, community);
    }
}
