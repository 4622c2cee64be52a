package org.liudong.audit;

import org.liudong.audit.AuditTrail.Record;
import org.liudong.security.SecurityEvents.AccessDenied;
import org.liudong.security.SecurityEvents.LoginFailed;
import org.liudong.security.SecurityEvents.LoginSucceeded;
import org.liudong.security.SecurityEvents.SecondFactorVerified;
import org.liudong.security.SecurityEvents.SessionsEnded;
import org.liudong.security.SecurityEvents.TokenIssued;
import org.liudong.security.SecurityEvents.TokensRevoked;
import org.liudong.security.SecurityEvents.UserChanged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Records the security module's events. Listeners run synchronously in the publisher's transaction, so a
 * user change and its audit row commit or roll back together.
 */
@Component
class SecurityAuditing {

    private final AuditTrail trail;

    SecurityAuditing(AuditTrail trail) {
        this.trail = trail;
    }

    @EventListener
    void on(LoginSucceeded event) {
        trail.append(new Record(
                event.at(),
                event.username(),
                "LOGIN_SUCCEEDED",
                "user",
                event.username(),
                event.scopePath(),
                event.remoteAddress(),
                null));
    }

    @EventListener
    void on(LoginFailed event) {
        trail.append(new Record(
                event.at(),
                event.username(),
                "LOGIN_FAILED",
                "user",
                event.username(),
                null,
                event.remoteAddress(),
                event.reason()));
    }

    @EventListener
    void on(TokenIssued event) {
        trail.append(new Record(
                event.at(),
                event.username(),
                "TOKEN_ISSUED",
                "api_token",
                String.valueOf(event.tokenId()),
                event.scopePath(),
                null,
                "expires " + event.expiresAt()));
    }

    @EventListener
    void on(TokensRevoked event) {
        trail.append(new Record(
                event.at(),
                event.actor(),
                "TOKENS_REVOKED",
                "user",
                event.username(),
                null,
                null,
                event.count() + " token(s)"));
    }

    @EventListener
    void on(UserChanged event) {
        trail.append(new Record(
                event.at(),
                event.actor(),
                "USER_CHANGED",
                "user",
                event.username(),
                event.scopePath(),
                null,
                event.change()));
    }

    @EventListener
    void on(SecondFactorVerified event) {
        trail.append(new Record(
                event.at(),
                event.username(),
                "SECOND_FACTOR_VERIFIED",
                "user",
                event.username(),
                null,
                event.remoteAddress(),
                null));
    }

    @EventListener
    void on(AccessDenied event) {
        trail.append(new Record(
                event.at(),
                event.username(),
                "ACCESS_DENIED",
                "request",
                event.method() + " " + event.path(),
                null,
                event.remoteAddress(),
                "refused (" + event.reason() + ")"));
    }

    @EventListener
    void on(SessionsEnded event) {
        trail.append(new Record(
                event.at(),
                event.actor(),
                "SESSIONS_ENDED",
                "user",
                event.username(),
                null,
                event.remoteAddress(),
                event.count() + " session(s)"));
    }
}
