package org.liudong.imports.demo;

import java.time.LocalDate;

/**
 * A person of the demo district as the ledger holds them after the import, re-created from the seed without a
 * database of persons (for a partner node of the demo network): the ID number as normalised, the household
 * county, the community and dates of the stay, and the Decree 555 category (流动人口类别) as of the import's
 * classification date.
 */
public record DemoResident(
        int rowNumber,
        String idNumber,
        String name,
        String sex,
        LocalDate birthDate,
        String householdCode,
        String communityCode,
        LocalDate movedIn,
        LocalDate movedOut,
        String category) {}
