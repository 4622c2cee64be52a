package org.liudong.sites;

import java.util.Set;
import org.liudong.shared.CurrentScope;
import org.liudong.shared.ScopedUser;
import org.springframework.security.access.AccessDeniedException;

/**
 * Who may do what in the sites programme: communities and site managers keep their sites, streets check
 * applications, the district admits; anyone in scope reads.
 */
final class SiteRoles {

    private static final Set<String> KEEP =
            Set.of("DISTRICT_OFFICER", "STREET_OFFICER", "COMMUNITY_WORKER", "SITE_MANAGER");
    private static final Set<String> OPEN_CLOSE = Set.of("DISTRICT_OFFICER", "STREET_OFFICER", "COMMUNITY_WORKER");
    private static final Set<String> APPLY =
            Set.of("COMMUNITY_WORKER", "SITE_MANAGER", "STREET_OFFICER", "DISTRICT_OFFICER");
    private static final Set<String> CHECK = Set.of("STREET_OFFICER");
    private static final Set<String> ADMIT = Set.of("DISTRICT_OFFICER");

    private SiteRoles() {}

    static boolean canKeep(ScopedUser user) {
        return any(user, KEEP);
    }

    static boolean canOpenAndClose(ScopedUser user) {
        return any(user, OPEN_CLOSE);
    }

    static boolean canApply(ScopedUser user) {
        return any(user, APPLY);
    }

    static boolean canCheck(ScopedUser user) {
        return any(user, CHECK);
    }

    static boolean canAdmit(ScopedUser user) {
        return any(user, ADMIT);
    }

    static ScopedUser require(Set<String> roles, String what) {
        ScopedUser user = CurrentScope.requireUser();
        if (!any(user, roles)) {
            throw new AccessDeniedException("Your role may not " + what);
        }
        return user;
    }

    static ScopedUser requireKeeper() {
        return require(KEEP, "keep service sites");
    }

    static ScopedUser requireOpener() {
        return require(OPEN_CLOSE, "open or close service sites");
    }

    static ScopedUser requireApplicant() {
        return require(APPLY, "apply for admission");
    }

    static ScopedUser requireChecker() {
        return require(CHECK, "check applications");
    }

    static ScopedUser requireAdmitter() {
        return require(ADMIT, "admit sites");
    }

    private static boolean any(ScopedUser user, Set<String> roles) {
        return user.roleNames().stream().anyMatch(roles::contains);
    }
}
