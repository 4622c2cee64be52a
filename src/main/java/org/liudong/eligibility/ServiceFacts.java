package org.liudong.eligibility;

import java.time.LocalDate;
import java.util.List;

/**
 * What the service rules (PRODUCT §5.3) look at, as plain values: sex (GB/T 2261.1), birth date, marital
 * status (GB/T 2261.2), contraception code (§5.6), the orders of the children born, the residence episodes
 * in the district, whether the person is still on the ledger, and the services already given.
 */
public record ServiceFacts(
        String sex,
        LocalDate birthDate,
        String maritalStatus,
        String contraceptionCode,
        List<Integer> childOrders,
        List<Stay> stays,
        boolean active,
        List<Given> given) {

    public ServiceFacts {
        childOrders = childOrders == null ? List.of() : List.copyOf(childOrders);
        stays = stays == null ? List.of() : List.copyOf(stays);
        given = given == null ? List.of() : List.copyOf(given);
    }

    /**
     * A residence episode in the district; {@code endKind} is MOVED_WITHIN, MOVED_OUT, MERGED or null while
     * open.
     */
    public record Stay(LocalDate movedIn, LocalDate movedOut, String endKind) {}

    /** A service already given: its catalogue code, date, child order (eugenic checks) and result code. */
    public record Given(String service, LocalDate on, Integer childOrder, String result) {}

    /** Married (已婚): marital status 20, or 21–23 (初婚, 再婚, 复婚) of GB/T 2261.2. */
    public boolean married() {
        // a character test, not a regular expression: the rules ask it for every person and date they weigh
        return maritalStatus != null
                && maritalStatus.length() == 2
                && maritalStatus.charAt(0) == '2'
                && maritalStatus.charAt(1) >= '0'
                && maritalStatus.charAt(1) <= '3';
    }

    public boolean female() {
        return "2".equals(sex);
    }

    /** The order of the next child: one more than the highest order born. */
    public int nextChildOrder() {
        return childOrders.stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
    }
}
