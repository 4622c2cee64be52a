package org.liudong.registry;

import java.time.LocalDate;
import java.util.List;

/**
 * What other modules (services) need to know of a person to decide what they are due for: sex, birth date,
 * marital status, contraception, the orders of their children, their residence episodes in the district,
 * status, category and where they live. No ID number, phone or address.
 */
public record PersonFacts(
        long id,
        String name,
        String idNumberMasked,
        String sex,
        LocalDate birthDate,
        String maritalStatus,
        String contraceptionCode,
        String pregnancyStatus,
        List<Integer> childOrders,
        List<Stay> stays,
        String status,
        String category,
        String orgPath,
        String communityCode) {

    public PersonFacts {
        childOrders = List.copyOf(childOrders);
        stays = List.copyOf(stays);
    }

    /** A residence episode; {@code endKind} is MOVED_WITHIN, MOVED_OUT, MERGED or null while open. */
    public record Stay(LocalDate movedIn, LocalDate movedOut, String endKind) {}

    public boolean active() {
        return "ACTIVE".equals(status);
    }
}
