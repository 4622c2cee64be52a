package org.liudong.shared;

import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** Reads the signed-in user's scope; services call it to enforce scope, not only URLs. */
public final class CurrentScope {

    private CurrentScope() {}

    public static Optional<ScopedUser> user() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof ScopedUser user) {
            return Optional.of(user);
        }
        return Optional.empty();
    }

    public static ScopedUser requireUser() {
        return user().orElseThrow(() -> new OutOfScope("no signed-in user"));
    }

    /** Throws {@link OutOfScope} unless the signed-in user's scope contains {@code path}. */
    public static void check(OrgPath path) {
        ScopedUser user = requireUser();
        if (!user.scope().contains(path)) {
            throw new OutOfScope(path.value());
        }
    }
}
