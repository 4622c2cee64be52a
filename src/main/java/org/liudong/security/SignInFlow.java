package org.liudong.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.liudong.security.SecurityEvents.LoginFailed;
import org.liudong.security.SecurityEvents.SecondFactorVerified;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The steps of a page sign-in after the password: the second factor when enrolled or required, then the
 * session's limits (idle timeout by role, absolute lifetime) and a new session id.
 */
@Service
public class SignInFlow {

    /** Session attribute: when the sign-in completed (epoch milliseconds), for the absolute timeout. */
    public static final String SIGNED_IN_AT = "liudong.signedInAt";
    /** Session attributes shown on the sessions page. */
    public static final String REMOTE_ADDRESS = "liudong.remoteAddress";

    public static final String USER_AGENT = "liudong.userAgent";

    private final TwoFactor twoFactor;
    private final SecurityContextRepository repository;
    private final ApplicationEventPublisher events;
    private final UserAccounts accounts;
    private final AccountDetails details;
    private final AddressLockout addressLockout;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Duration idleTimeout;
    private final Duration adminIdleTimeout;
    private final Duration absoluteTimeout;
    private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

    SignInFlow(
            TwoFactor twoFactor,
            SecurityContextRepository repository,
            ApplicationEventPublisher events,
            UserAccounts accounts,
            AccountDetails details,
            AddressLockout addressLockout,
            TransactionTemplate tx,
            Clock clock,
            @Value("${liudong.security.session.idle-timeout:30m}") Duration idleTimeout,
            @Value("${liudong.security.session.admin-idle-timeout:15m}") Duration adminIdleTimeout,
            @Value("${liudong.security.session.absolute-timeout:12h}") Duration absoluteTimeout) {
        this.twoFactor = twoFactor;
        this.repository = repository;
        this.events = events;
        this.accounts = accounts;
        this.details = details;
        this.addressLockout = addressLockout;
        this.tx = tx;
        this.clock = clock;
        this.idleTimeout = idleTimeout;
        this.adminIdleTimeout = adminIdleTimeout;
        this.absoluteTimeout = absoluteTimeout;
    }

    /** After the password: where to go next. */
    String afterPassword(LiudongUser user, HttpServletRequest request, HttpServletResponse response) {
        if (twoFactor.enrolled(user.userId())) {
            replace(new PendingSignIn(user, PendingSignIn.Step.CODE), request, response);
            return "/login/totp";
        }
        if (twoFactor.required(user)) {
            replace(new PendingSignIn(user, PendingSignIn.Step.ENROL), request, response);
            return "/account/totp";
        }
        complete(user, request, response);
        return "/";
    }

    /** The pending sign-in of this session, if any. */
    public Optional<PendingSignIn> pending() {
        return holder.getContext().getAuthentication() instanceof PendingSignIn pending
                ? Optional.of(pending)
                : Optional.empty();
    }

    /**
     * The user an enrolment page is for: a pending sign-in that must enrol, or a signed-in user who chooses
     * to.
     */
    public Optional<LiudongUser> enrollingUser() {
        Authentication authentication = holder.getContext().getAuthentication();
        if (authentication instanceof PendingSignIn pending && pending.step() == PendingSignIn.Step.ENROL) {
            return Optional.of(pending.user());
        }
        if (authentication != null && authentication.getPrincipal() instanceof LiudongUser user) {
            return Optional.of(user);
        }
        return Optional.empty();
    }

    /** Checks the code of a pending sign-in; completes it when right, counts a failure when wrong. */
    public boolean verifyCode(String code, HttpServletRequest request, HttpServletResponse response) {
        PendingSignIn pending =
                pending().filter(p -> p.step() == PendingSignIn.Step.CODE).orElse(null);
        if (pending == null) {
            return false;
        }
        LiudongUser user = pending.user();
        if (secondFactor(user, code, request.getRemoteAddr())) {
            complete(user, request, response);
            return true;
        }
        if (locked(user)) {
            holder.clearContext();
            request.getSession().invalidate();
        }
        return false;
    }

    /**
     * The second factor of a user whose password was right, on a page or for an API token. For an enrolled
     * user the password alone does not clear the failures counted against the account and the address
     * ({@code SignInMonitor}); a right code does. A wrong code counts as a failed sign-in, so that guessing
     * codes locks the account as guessing passwords does, however often the password is given again.
     */
    public boolean secondFactor(LiudongUser user, String code, String address) {
        if (!locked(user) && twoFactor.verify(user.userId(), code)) {
            tx.executeWithoutResult(status -> accounts.findById(user.userId()).ifPresent(account -> {
                account.recordSuccessfulSignIn();
                accounts.save(account);
            }));
            addressLockout.recordSuccess(address);
            events.publishEvent(new SecondFactorVerified(user.username(), address, clock.instant()));
            return true;
        }
        tx.executeWithoutResult(status -> accounts.findById(user.userId()).ifPresent(account -> {
            account.recordFailedSignIn(clock.instant());
            accounts.save(account);
        }));
        addressLockout.recordFailure(address);
        events.publishEvent(new LoginFailed(user.username(), "SecondFactorRefused", address, clock.instant()));
        return false;
    }

    private boolean locked(LiudongUser user) {
        return accounts.findById(user.userId())
                .map(account -> account.isLocked(clock.instant()))
                .orElse(true);
    }

    /** Confirms an enrolment; a pending sign-in completes with it. Answers the recovery codes, or empty. */
    public Optional<List<String>> confirmEnrolment(
            String secret, String code, HttpServletRequest request, HttpServletResponse response) {
        LiudongUser user = enrollingUser().orElseThrow();
        var codes = twoFactor.confirm(user, secret, code);
        if (codes.isPresent() && pending().isPresent()) {
            complete(user, request, response);
        }
        return codes;
    }

    /** Replaces the signed-in user with a fresh copy, e.g. after the password changed. */
    public void refresh(HttpServletRequest request, HttpServletResponse response) {
        Authentication authentication = holder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof LiudongUser user) {
            accounts.findById(user.userId())
                    .map(details::user)
                    .ifPresent(fresh -> replace(authenticated(fresh), request, response));
        }
    }

    /** Whether the session outlived the absolute timeout since sign-in. */
    public boolean expired(HttpServletRequest request) {
        var session = request.getSession(false);
        if (session == null || !(session.getAttribute(SIGNED_IN_AT) instanceof Long signedInAt)) {
            return false;
        }
        return clock.millis() - signedInAt > absoluteTimeout.toMillis();
    }

    private void complete(LiudongUser user, HttpServletRequest request, HttpServletResponse response) {
        request.changeSessionId();
        var session = request.getSession();
        Duration idle = user.hasRole(Role.SYSTEM_ADMIN) && adminIdleTimeout.compareTo(idleTimeout) < 0
                ? adminIdleTimeout
                : idleTimeout;
        session.setMaxInactiveInterval((int) Math.max(1, idle.toSeconds()));
        session.setAttribute(SIGNED_IN_AT, clock.millis());
        session.setAttribute(REMOTE_ADDRESS, request.getRemoteAddr());
        String agent = request.getHeader("User-Agent");
        session.setAttribute(USER_AGENT, agent == null ? "" : agent.substring(0, Math.min(agent.length(), 200)));
        replace(authenticated(user), request, response);
    }

    private static Authentication authenticated(LiudongUser user) {
        return UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities());
    }

    private void replace(Authentication authentication, HttpServletRequest request, HttpServletResponse response) {
        var context = holder.createEmptyContext();
        context.setAuthentication(authentication);
        holder.setContext(context);
        repository.saveContext(context, request, response);
    }
}
