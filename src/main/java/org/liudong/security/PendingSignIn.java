package org.liudong.security;

import java.io.Serial;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * A sign-in that passed the password but still owes a second factor: either a code ({@link Step#CODE}) or,
 * for a role that requires one, enrolment ({@link Step#ENROL}). It grants no authority and reports itself
 * as not authenticated, so every protected page stays closed until the sign-in completes.
 */
public final class PendingSignIn extends AbstractAuthenticationToken {

    @Serial
    private static final long serialVersionUID = 1L;

    /** What the user still has to do. */
    public enum Step {
        CODE,
        ENROL
    }

    private final LiudongUser user;
    private final Step step;

    PendingSignIn(LiudongUser user, Step step) {
        super(List.of());
        this.user = user;
        this.step = step;
        super.setAuthenticated(false);
    }

    /** The user that passed the password check; not a principal yet. */
    LiudongUser user() {
        return user;
    }

    public Step step() {
        return step;
    }

    @Override
    public String getName() {
        return user.username();
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public Object getPrincipal() {
        return user.username();
    }

    @Override
    public void setAuthenticated(boolean authenticated) {
        if (authenticated) {
            throw new IllegalArgumentException("A pending sign-in is completed by SignInFlow, not by a flag");
        }
        super.setAuthenticated(false);
    }
}
