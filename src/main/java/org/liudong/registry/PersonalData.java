package org.liudong.registry;

import java.util.Set;
import org.liudong.shared.CurrentScope;
import org.liudong.shared.ScopedUser;
import org.springframework.security.access.AccessDeniedException;

/**
 * Who may see and do what with personal data. Decree 555 asks that address and pregnancy status be kept
 * confidential, so they go only to the roles whose work needs them; leaders, auditors and administrators
 * see no person at all.
 */
public final class PersonalData {

    private static final Set<String> READ = Set.of(
            "DISTRICT_OFFICER",
            "STREET_OFFICER",
            "COMMUNITY_WORKER",
            "SITE_MANAGER",
            "SERVICE_PROVIDER",
            "EXCHANGE_CLERK");
    private static final Set<String> WRITE =
            Set.of("DISTRICT_OFFICER", "STREET_OFFICER", "COMMUNITY_WORKER", "SITE_MANAGER");
    private static final Set<String> REVEAL_ID =
            Set.of("DISTRICT_OFFICER", "STREET_OFFICER", "COMMUNITY_WORKER", "EXCHANGE_CLERK");
    private static final Set<String> ADDRESS =
            Set.of("DISTRICT_OFFICER", "STREET_OFFICER", "COMMUNITY_WORKER", "SITE_MANAGER");
    private static final Set<String> REPRODUCTIVE =
            Set.of("DISTRICT_OFFICER", "STREET_OFFICER", "COMMUNITY_WORKER", "SERVICE_PROVIDER");
    private static final Set<String> MERGE = Set.of("DISTRICT_OFFICER", "STREET_OFFICER");

    private PersonalData() {}

    public static boolean canRead(ScopedUser user) {
        return any(user, READ);
    }

    public static boolean canWrite(ScopedUser user) {
        return any(user, WRITE);
    }

    public static boolean canRevealIdNumber(ScopedUser user) {
        return any(user, REVEAL_ID);
    }

    public static boolean canSeeAddress(ScopedUser user) {
        return any(user, ADDRESS);
    }

    public static boolean canSeeReproductiveHealth(ScopedUser user) {
        return any(user, REPRODUCTIVE);
    }

    public static boolean canMerge(ScopedUser user) {
        return any(user, MERGE);
    }

    static ScopedUser requireReader() {
        ScopedUser user = CurrentScope.requireUser();
        if (!canRead(user)) {
            throw new AccessDeniedException("This role sees no personal data");
        }
        return user;
    }

    static ScopedUser requireWriter() {
        ScopedUser user = CurrentScope.requireUser();
        if (!canWrite(user)) {
            throw new AccessDeniedException("This role does not change the ledger");
        }
        return user;
    }

    private static boolean any(ScopedUser user, Set<String> roles) {
        return user.roleNames().stream().anyMatch(roles::contains);
    }
}
