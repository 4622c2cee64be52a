package org.liudong.security;

import org.liudong.shared.CurrentScope;
import org.liudong.shared.ScopedUser;
import org.springframework.security.access.AccessDeniedException;

/**
 * The separation-of-duties policy other modules call before reading personal data: only roles that
 * {@link Role#canSeePersons() may see persons} pass; the system administrator, the auditor and leaders
 * are refused. Scope is checked separately ({@link CurrentScope#check}).
 */
public final class PersonalDataAccess {

    private PersonalDataAccess() {}

    /** Whether the signed-in user may see personal data at all. */
    public static boolean granted() {
        return CurrentScope.user().map(PersonalDataAccess::granted).orElse(false);
    }

    static boolean granted(ScopedUser user) {
        return user.roleNames().stream().map(Role::valueOf).anyMatch(Role::canSeePersons);
    }

    /** Throws {@link AccessDeniedException} (a 403) unless the signed-in user may see personal data. */
    public static void require() {
        if (!granted()) {
            throw new AccessDeniedException("This role does not see personal data");
        }
    }
}
