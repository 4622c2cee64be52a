package org.liudong.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import org.liudong.security.SecurityEvents.SessionsEnded;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Service;

/**
 * A user's page sessions, kept in the database by Spring Session: listed on the sessions page, ended one by
 * one, all but the current one, or everywhere (with the user's API tokens).
 */
@Service
public class UserSessions {

    private final FindByIndexNameSessionRepository<? extends Session> sessions;
    private final ApiTokens tokens;
    private final UserAccounts accounts;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    UserSessions(
            FindByIndexNameSessionRepository<? extends Session> sessions,
            ApiTokens tokens,
            UserAccounts accounts,
            ApplicationEventPublisher events,
            Clock clock) {
        this.sessions = sessions;
        this.tokens = tokens;
        this.accounts = accounts;
        this.events = events;
        this.clock = clock;
    }

    /**
     * One session as its owner sees it; {@code ref} is a digest of the id, so that the page never shows a
     * session id that could be replayed.
     */
    public record SessionView(
            String ref,
            Instant createdAt,
            Instant lastAccessedAt,
            String remoteAddress,
            String userAgent,
            boolean current) {}

    public List<SessionView> of(String username, String currentSessionId) {
        return sessions.findByPrincipalName(username).values().stream()
                .map(session -> new SessionView(
                        ref(session.getId()),
                        session.getCreationTime(),
                        session.getLastAccessedTime(),
                        session.getAttribute(SignInFlow.REMOTE_ADDRESS),
                        session.getAttribute(SignInFlow.USER_AGENT),
                        session.getId().equals(currentSessionId)))
                .sorted(Comparator.comparing(SessionView::lastAccessedAt).reversed())
                .toList();
    }

    /** Ends the user's session with this reference, unless it is the current one (that is a logout). */
    public boolean end(String username, String ref, String currentSessionId, String remoteAddress) {
        for (String id : sessions.findByPrincipalName(username).keySet()) {
            if (ref(id).equals(ref) && !id.equals(currentSessionId)) {
                sessions.deleteById(id);
                events.publishEvent(new SessionsEnded(username, username, 1, remoteAddress, clock.instant()));
                return true;
            }
        }
        return false;
    }

    /** Ends every session of the user but {@code keepSessionId} (null: all) and, for all, revokes API tokens. */
    public int endAll(String username, String keepSessionId, String remoteAddress) {
        int count = 0;
        for (String id : sessions.findByPrincipalName(username).keySet()) {
            if (!id.equals(keepSessionId)) {
                sessions.deleteById(id);
                count++;
            }
        }
        if (keepSessionId == null) {
            accounts.findByUsername(username).ifPresent(account -> tokens.revokeAll(account, username));
        }
        events.publishEvent(new SessionsEnded(username, username, count, remoteAddress, clock.instant()));
        return count;
    }

    /** An administrator ends every session of a user (disabled or password reset); tokens are revoked by the caller. */
    int endAllBy(String actor, String username) {
        int count = 0;
        for (String id : sessions.findByPrincipalName(username).keySet()) {
            sessions.deleteById(id);
            count++;
        }
        if (count > 0) {
            events.publishEvent(new SessionsEnded(actor, username, count, null, clock.instant()));
        }
        return count;
    }

    static String ref(String sessionId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sessionId.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
