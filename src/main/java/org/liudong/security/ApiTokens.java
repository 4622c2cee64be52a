package org.liudong.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.liudong.security.SecurityEvents.TokenIssued;
import org.liudong.security.SecurityEvents.TokensRevoked;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Personal API tokens: random, stored only as a SHA-256, expiring, revocable. */
@Service
public class ApiTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final UserAccounts accounts;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Duration lifetime;

    ApiTokens(
            JdbcClient jdbc,
            UserAccounts accounts,
            ApplicationEventPublisher events,
            Clock clock,
            @Value("${liudong.security.token-lifetime:8h}") Duration lifetime) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.events = events;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /** A token as handed to its owner, once. */
    public record IssuedToken(String token, Instant expiresAt) {}

    @Transactional
    public IssuedToken issue(LiudongUser user) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = "ld_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(lifetime);
        long id = jdbc.sql("""
                        insert into api_token (user_id, token_hash, issued_at, expires_at)
                        values (?, ?, ?, ?) returning id""")
                .params(user.userId(), hash(token), ts(now), ts(expiresAt))
                .query(Long.class)
                .single();
        events.publishEvent(new TokenIssued(user.username(), user.scope().value(), id, expiresAt, now));
        return new IssuedToken(token, expiresAt);
    }

    /** The user a live token belongs to, if the token is known, unexpired, unrevoked and its user enabled. */
    @Transactional(readOnly = true)
    public Optional<LiudongUser> authenticate(String token) {
        if (token == null || !token.startsWith("ld_")) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return jdbc.sql("""
                        select user_id from api_token
                        where token_hash = ? and revoked_at is null and expires_at > ?""")
                .params(hash(token), ts(now))
                .query(Long.class)
                .optional()
                .flatMap(accounts::findById)
                .filter(UserAccount::enabled)
                .map(account -> new LiudongUser(account, account.isLocked(now)))
                .filter(LiudongUser::isAccountNonLocked);
    }

    /** Revokes the token presented; answers whether it was live. */
    @Transactional
    public boolean revoke(String token, LiudongUser owner) {
        int count = jdbc.sql("""
                        update api_token set revoked_at = ?
                        where token_hash = ? and user_id = ? and revoked_at is null""")
                .params(ts(clock.instant()), hash(token), owner.userId())
                .update();
        if (count > 0) {
            events.publishEvent(new TokensRevoked(owner.username(), owner.username(), count, clock.instant()));
        }
        return count > 0;
    }

    /** Revokes every live token of a user, e.g. when an administrator disables the account. */
    @Transactional
    public int revokeAll(UserAccount account, String actor) {
        int count = jdbc.sql("update api_token set revoked_at = ? where user_id = ? and revoked_at is null")
                .params(ts(clock.instant()), account.id())
                .update();
        if (count > 0) {
            events.publishEvent(new TokensRevoked(actor, account.username(), count, clock.instant()));
        }
        return count;
    }

    static String hash(String token) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static java.sql.Timestamp ts(Instant instant) {
        return java.sql.Timestamp.from(instant);
    }
}
