package org.liudong.security;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.liudong.security.UserAdministration.NewUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Creates users for tests, each with a fresh name, and answers their first password. */
@Component
public class TestUsers {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final UserAdministration administration;
    private final JdbcClient jdbc;
    private final FieldEncryption encryption;
    private final TwoFactor twoFactor;
    private final org.springframework.security.core.userdetails.UserDetailsService details;

    TestUsers(
            UserAdministration administration,
            JdbcClient jdbc,
            FieldEncryption encryption,
            TwoFactor twoFactor,
            org.springframework.security.core.userdetails.UserDetailsService details) {
        this.administration = administration;
        this.jdbc = jdbc;
        this.encryption = encryption;
        this.twoFactor = twoFactor;
        this.details = details;
    }

    /**
     * Signs a user in on the current thread, as the web layer would after a login, for tests and benchmarks
     * that call services directly; clear with {@code SecurityContextHolder.clearContext()}.
     */
    public void signIn(String username) {
        var principal = details.loadUserByUsername(username);
        org.springframework.security.core.context.SecurityContextHolder.getContext()
                .setAuthentication(
                        org.springframework.security.authentication.UsernamePasswordAuthenticationToken.authenticated(
                                principal, null, principal.getAuthorities()));
    }

    /** Does some work signed in as a user, on the current thread, and signs out again whatever happens. */
    public <T> T as(String username, java.util.function.Supplier<T> work) {
        signIn(username);
        try {
            return work.get();
        } finally {
            org.springframework.security.core.context.SecurityContextHolder.clearContext();
        }
    }

    /** A new user ready to work, as the authentication a signed-in request of theirs carries. */
    public org.springframework.security.authentication.UsernamePasswordAuthenticationToken authentication(
            String prefix, Role role, String scopeCode) {
        var principal =
                details.loadUserByUsername(ready(prefix, role, scopeCode).username());
        return org.springframework.security.authentication.UsernamePasswordAuthenticationToken.authenticated(
                principal, null, principal.getAuthorities());
    }

    /** A user created without an administrator present, with a first password that must be changed. */
    public Created create(String prefix, Role role, String scopeCode) {
        String username = prefix + "-" + System.nanoTime() % 1_000_000 + "-" + SEQUENCE.incrementAndGet();
        var created =
                administration.createUnchecked(new NewUser(username, "测试 " + prefix, Set.of(role), scopeCode), "test");
        return new Created(username, created.firstPassword(), created.account().id(), null);
    }

    /**
     * A user ready to work: the password counts as chosen, and a role that requires a second factor has
     * TOTP enrolled with a secret the test knows ({@link Created#code()}).
     */
    public Created ready(String prefix, Role role, String scopeCode) {
        return prepare(create(prefix, role, scopeCode), role);
    }

    /** Makes an existing account (e.g. the first users) ready the same way. */
    public Created prepare(String username, String password, Role role) {
        long id = jdbc.sql("select id from app_user where username = ?")
                .param(username)
                .query(Long.class)
                .single();
        return prepare(new Created(username, password, id, null), role);
    }

    private Created prepare(Created user, Role role) {
        jdbc.sql("update app_user set must_change_password = false, password_changed_at = now() where id = ?")
                .param(user.id())
                .update();
        String secret = null;
        if (twoFactor.required(Set.of(role))) {
            secret = Totp.newSecret();
            jdbc.sql("delete from user_totp where user_id = ?").param(user.id()).update();
            jdbc.sql("insert into user_totp (user_id, secret, enabled_at, last_step) values (?, ?, ?, 0)")
                    .params(user.id(), encryption.encrypt(secret), Timestamp.from(Instant.now()))
                    .update();
        }
        return new Created(user.username(), user.password(), user.id(), secret);
    }

    /** A test user; {@code totpSecret} is null unless two-factor sign-in is enrolled. */
    public record Created(String username, String password, long id, String totpSecret) {

        private static final java.util.Map<String, Long> LAST_STEP = new java.util.concurrent.ConcurrentHashMap<>();

        /** A TOTP code not used before by this user (each is accepted once); waits for the next step if needed. */
        public String code() {
            if (totpSecret == null) {
                return null;
            }
            synchronized (LAST_STEP) {
                long now = Totp.step(Instant.now());
                long step = Math.max(now, LAST_STEP.getOrDefault(username, 0L) + 1);
                while (step > Totp.step(Instant.now()) + 1) {
                    try {
                        Thread.sleep(500);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                }
                LAST_STEP.put(username, step);
                return Totp.code(totpSecret, step);
            }
        }
    }
}
