package org.liudong.services;

import java.util.Set;
import org.liudong.shared.CurrentScope;
import org.liudong.shared.ScopedUser;
import org.springframework.security.access.AccessDeniedException;

/**
 * Who may see and record services: the roles that see reproductive health (PersonalData) record and read;
 * only street and district officers override a refusal.
 */
public final class ServiceRoles {

    public static final Set<String> WORK =
            Set.of("DISTRICT_OFFICER", "STREET_OFFICER", "COMMUNITY_WORKER", "SERVICE_PROVIDER");
    public static final Set<String> OVERRIDE = Set.of("DISTRICT_OFFICER", "STREET_OFFICER");
    public static final Set<String> AGGREGATES =
            Set.of("DISTRICT_OFFICER", "STREET_OFFICER", "COMMUNITY_WORKER", "SERVICE_PROVIDER", "LEADER");

    private ServiceRoles() {}

    public static boolean canWork(ScopedUser user) {
        return any(user, WORK);
    }

    static ScopedUser requireWorker() {
        ScopedUser user = CurrentScope.requireUser();
        if (!any(user, WORK)) {
            throw new AccessDeniedException("This role does not see or record services");
        }
        return user;
    }

    static ScopedUser requireAggregates() {
        ScopedUser user = CurrentScope.requireUser();
        if (!any(user, AGGREGATES)) {
            throw new AccessDeniedException("This role does not see service figures");
        }
        return user;
    }

    static boolean canOverride(ScopedUser user) {
        return any(user, OVERRIDE);
    }

    private static boolean any(ScopedUser user, Set<String> roles) {
        return user.roleNames().stream().anyMatch(roles::contains);
    }
}
