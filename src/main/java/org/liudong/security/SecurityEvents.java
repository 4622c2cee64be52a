package org.liudong.security;

import java.time.Instant;
import java.util.Objects;

/** Events the security module publishes; the audit module records them. */
public final class SecurityEvents {

    private SecurityEvents() {}

    /** A user signed in, through the login form or the token call. */
    public record LoginSucceeded(String username, String scopePath, String remoteAddress, Instant at) {}

    /** A sign-in was refused; {@code username} is what was typed and may name nobody. */
    public record LoginFailed(String username, String reason, String remoteAddress, Instant at) {}

    /** A personal API token was issued to a user. */
    public record TokenIssued(String username, String scopePath, long tokenId, Instant expiresAt, Instant at) {}

    /** API tokens were revoked: one by its owner, or all of a user's by an administrator. */
    public record TokensRevoked(String actor, String username, int count, Instant at) {}

    /** A user account was created or changed by {@code actor}; {@code change} names what changed. */
    public record UserChanged(String actor, String username, String scopePath, String change, Instant at) {

        public UserChanged {
            Objects.requireNonNull(change, "change");
        }
    }

    /** A signed-in user passed the second factor (TOTP or a recovery code). */
    public record SecondFactorVerified(String username, String remoteAddress, Instant at) {}

    /**
     * A request was refused for lack of rights (an HTTP 403): by URL, by a service's role check or by scope.
     * {@code username} is null for a caller not signed in.
     */
    public record AccessDenied(
            String username, String method, String path, String reason, String remoteAddress, Instant at) {}

    /** Sessions of a user were ended: by the user (others, or everywhere) or by an administrator. */
    public record SessionsEnded(String actor, String username, int count, String remoteAddress, Instant at) {}
}
