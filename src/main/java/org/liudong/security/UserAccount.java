package org.liudong.security;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.liudong.shared.InvalidInput;
import org.liudong.shared.OrgPath;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/** A user account (aggregate): credentials, roles, scope, and the lock after repeated failed sign-ins. */
@Table("app_user")
public class UserAccount {

    static final int MAX_FAILED_ATTEMPTS = 5;
    static final Duration LOCK_DURATION = Duration.ofMinutes(15);

    @Id
    private Long id;

    private final String username;
    private String displayName;
    private String passwordHash;
    private String scopeCode;
    private String scopePath;
    private boolean enabled;
    private boolean mustChangePassword;
    private Instant passwordChangedAt;
    private int failedAttempts;
    private Instant lockedUntil;
    private final Instant createdAt;
    private Instant updatedAt;

    @MappedCollection(idColumn = "user_id")
    private Set<RoleGrant> roles;

    @Version
    private Integer version;

    @PersistenceCreator
    UserAccount(Long id, String username, Instant createdAt) {
        this.id = id;
        this.username = username;
        this.createdAt = createdAt;
    }

    /** A username: 3 to 64 lower-case letters, digits, '.', '_' or '-'. */
    static boolean validUsername(String username) {
        return username != null && username.matches("[a-z0-9_.-]{3,64}");
    }

    static UserAccount create(
            String username,
            String displayName,
            String passwordHash,
            String scopeCode,
            OrgPath scopePath,
            Set<Role> roles,
            Instant now) {
        if (!validUsername(username)) {
            throw new InvalidInput("username", "A username has 3 to 64 lower-case letters, digits, '.', '_' or '-'");
        }
        if (displayName == null || displayName.isBlank()) {
            throw new InvalidInput("displayName", "A display name is required");
        }
        UserAccount account = new UserAccount(null, username, now);
        account.displayName = displayName.strip();
        account.passwordHash = passwordHash;
        account.enabled = true;
        account.mustChangePassword = true;
        account.passwordChangedAt = now;
        account.updatedAt = now;
        account.assignScope(scopeCode, scopePath, now);
        account.assignRoles(roles, now);
        return account;
    }

    void assignRoles(Set<Role> newRoles, Instant now) {
        if (newRoles == null || newRoles.isEmpty()) {
            throw new InvalidInput("roles", "A user needs at least one role");
        }
        if (newRoles.size() > 1 && newRoles.stream().anyMatch(Role::exclusive)) {
            throw new InvalidInput("roles", "The auditor and the system administrator roles cannot be combined");
        }
        this.roles = newRoles.stream().map(RoleGrant::new).collect(Collectors.toSet());
        this.updatedAt = now;
    }

    void assignScope(String code, OrgPath path, Instant now) {
        this.scopeCode = code;
        this.scopePath = path.value();
        this.updatedAt = now;
    }

    void rename(String newDisplayName, Instant now) {
        if (newDisplayName == null || newDisplayName.isBlank()) {
            throw new InvalidInput("displayName", "A display name is required");
        }
        this.displayName = newDisplayName.strip();
        this.updatedAt = now;
    }

    /** Sets a password chosen by an administrator or generated; the user must change it at next sign-in. */
    void resetPassword(String newHash, Instant now) {
        this.passwordHash = newHash;
        this.mustChangePassword = true;
        this.passwordChangedAt = now;
        this.failedAttempts = 0;
        this.lockedUntil = null;
        this.updatedAt = now;
    }

    /** Sets a password the user chose themselves. */
    void changePassword(String newHash, Instant now) {
        this.passwordHash = newHash;
        this.mustChangePassword = false;
        this.passwordChangedAt = now;
        this.updatedAt = now;
    }

    /** Replaces the hash of the same password with a stronger one; nothing else changes. */
    void upgradePasswordHash(String newHash) {
        this.passwordHash = newHash;
    }

    /**
     * Whether the user must choose a new password before doing anything else: after a first or reset
     * password, and when the password is older than {@code maxAge} (zero or negative: never).
     */
    boolean passwordChangeRequired(Instant now, Duration maxAge) {
        if (mustChangePassword) {
            return true;
        }
        return maxAge != null
                && !maxAge.isZero()
                && !maxAge.isNegative()
                && passwordChangedAt != null
                && passwordChangedAt.plus(maxAge).isBefore(now);
    }

    void enable(boolean on, Instant now) {
        this.enabled = on;
        this.updatedAt = now;
    }

    void recordFailedSignIn(Instant now) {
        failedAttempts++;
        if (failedAttempts >= MAX_FAILED_ATTEMPTS) {
            lockedUntil = now.plus(LOCK_DURATION);
            failedAttempts = 0;
        }
    }

    void recordSuccessfulSignIn() {
        failedAttempts = 0;
        lockedUntil = null;
    }

    boolean isLocked(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }

    public Long id() {
        return id;
    }

    public String username() {
        return username;
    }

    public String displayName() {
        return displayName;
    }

    String passwordHash() {
        return passwordHash;
    }

    public String scopeCode() {
        return scopeCode;
    }

    public OrgPath scopePath() {
        return new OrgPath(scopePath);
    }

    public boolean enabled() {
        return enabled;
    }

    public boolean mustChangePassword() {
        return mustChangePassword;
    }

    public Instant passwordChangedAt() {
        return passwordChangedAt;
    }

    public Instant lockedUntil() {
        return lockedUntil;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Set<Role> roles() {
        Set<Role> result = EnumSet.noneOf(Role.class);
        roles.forEach(grant -> result.add(grant.role()));
        return result;
    }

    /** One role held by a user. */
    @Table("app_user_role")
    record RoleGrant(Role role) {}
}
