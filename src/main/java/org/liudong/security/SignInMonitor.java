package org.liudong.security;

import java.time.Clock;
import org.liudong.security.SecurityEvents.LoginFailed;
import org.liudong.security.SecurityEvents.LoginSucceeded;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns Spring Security's sign-in outcomes into this module's events, and counts failures so that an
 * account, and a source address, lock for a while after five failures in a row. Wrong second-factor codes
 * count too ({@link SignInFlow#secondFactor}).
 */
@Component
class SignInMonitor {

    private final UserAccounts accounts;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final AddressLockout addressLockout;
    private final TwoFactor twoFactor;

    SignInMonitor(
            UserAccounts accounts,
            ApplicationEventPublisher events,
            TransactionTemplate tx,
            Clock clock,
            AddressLockout addressLockout,
            TwoFactor twoFactor) {
        this.addressLockout = addressLockout;
        this.twoFactor = twoFactor;
        this.accounts = accounts;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        if (!(event.getAuthentication().getPrincipal() instanceof LiudongUser user)) {
            return;
        }
        // with a second factor the failures are cleared by a right code (SignInFlow.secondFactor), not by
        // the password alone: else each new password attempt would give code guessing a fresh count
        if (!twoFactor.enrolled(user.userId())) {
            tx.executeWithoutResult(status -> accounts.findById(user.userId()).ifPresent(account -> {
                account.recordSuccessfulSignIn();
                accounts.save(account);
            }));
            addressLockout.recordSuccess(remoteAddress(event.getAuthentication()));
        }
        events.publishEvent(new LoginSucceeded(
                user.username(), user.scope().value(), remoteAddress(event.getAuthentication()), clock.instant()));
    }

    @EventListener
    void failed(AbstractAuthenticationFailureEvent event) {
        String username = String.valueOf(event.getAuthentication().getName());
        tx.executeWithoutResult(status -> accounts.findByUsername(username).ifPresent(account -> {
            account.recordFailedSignIn(clock.instant());
            accounts.save(account);
        }));
        addressLockout.recordFailure(remoteAddress(event.getAuthentication()));
        events.publishEvent(new LoginFailed(
                username,
                event.getException().getClass().getSimpleName(),
                remoteAddress(event.getAuthentication()),
                clock.instant()));
    }

    private static String remoteAddress(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress()
                : null;
    }
}
