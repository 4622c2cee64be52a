package org.liudong.security;

import java.io.Serial;
import java.io.Serializable;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.liudong.shared.OrgPath;
import org.liudong.shared.ScopedUser;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** The signed-in user as Spring Security holds it: identity, roles and scope. */
public final class LiudongUser implements UserDetails, CredentialsContainer, ScopedUser, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final long userId;
    private final String username;
    private final String displayName;
    private String passwordHash;
    private final Set<Role> roles;
    private final String scopeCode;
    private final String scopePath;
    private final boolean enabled;
    private final boolean locked;
    private final boolean mustChangePassword;

    LiudongUser(UserAccount account, boolean locked) {
        this(account, locked, account.mustChangePassword());
    }

    LiudongUser(UserAccount account, boolean locked, boolean passwordChangeRequired) {
        this.userId = account.id();
        this.username = account.username();
        this.displayName = account.displayName();
        this.passwordHash = account.passwordHash();
        this.roles = Set.copyOf(account.roles());
        this.scopeCode = account.scopeCode();
        this.scopePath = account.scopePath().value();
        this.enabled = account.enabled();
        this.locked = locked;
        this.mustChangePassword = passwordChangeRequired;
    }

    @Override
    public long userId() {
        return userId;
    }

    @Override
    public String username() {
        return username;
    }

    public String displayName() {
        return displayName;
    }

    public Set<Role> roles() {
        return roles;
    }

    public boolean hasRole(Role role) {
        return roles.contains(role);
    }

    @Override
    public Set<String> roleNames() {
        return roles.stream().map(Role::name).collect(Collectors.toUnmodifiableSet());
    }

    public String scopeCode() {
        return scopeCode;
    }

    @Override
    public OrgPath scope() {
        return new OrgPath(scopePath);
    }

    /** Whether the password is a first or reset one, or has expired: it must be changed before anything else. */
    public boolean mustChangePassword() {
        return mustChangePassword;
    }

    /** Whether this user may see personal data of migrants (separation of duties, PRODUCT §2). */
    public boolean canSeePersons() {
        return roles.stream().anyMatch(Role::canSeePersons);
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        List<SimpleGrantedAuthority> authorities = roles.stream()
                .map(role -> new SimpleGrantedAuthority(role.authority()))
                .toList();
        return authorities;
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public boolean isAccountNonLocked() {
        return !locked;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }
}
