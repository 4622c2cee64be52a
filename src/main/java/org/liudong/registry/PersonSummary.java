package org.liudong.registry;

import java.time.LocalDate;

/** A person as a list row: masked ID number and no address or reproductive-health data. */
public record PersonSummary(
        long id,
        String name,
        String sex,
        int age,
        String idNumber,
        String householdCode,
        String householdProvince,
        String communityCode,
        String communityName,
        String category,
        String status,
        LocalDate lastVerifiedOn) {}
