package org.liudong.security;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.liudong.org.OrgLevel;
import org.liudong.org.OrgUnit;
import org.liudong.org.OrgUnits;
import org.liudong.security.SecurityEvents.UserChanged;
import org.liudong.shared.CurrentScope;
import org.liudong.shared.InvalidFields;
import org.liudong.shared.InvalidFields.Violation;
import org.liudong.shared.InvalidInput;
import org.liudong.shared.NotFound;
import org.liudong.shared.OutOfScope;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creating and changing user accounts: administrators within their scope, and each user's own password. */
@Service
public class UserAdministration {

    private final UserAccounts accounts;
    private final OrgUnits orgUnits;
    private final PasswordEncoder passwordEncoder;
    private final ApiTokens tokens;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final UserSessions sessions;

    UserAdministration(
            UserAccounts accounts,
            OrgUnits orgUnits,
            PasswordEncoder passwordEncoder,
            ApiTokens tokens,
            ApplicationEventPublisher events,
            Clock clock,
            UserSessions sessions) {
        this.accounts = accounts;
        this.orgUnits = orgUnits;
        this.passwordEncoder = passwordEncoder;
        this.tokens = tokens;
        this.events = events;
        this.clock = clock;
        this.sessions = sessions;
    }

    /** What an administrator fills in for a new user. */
    public record NewUser(String username, String displayName, Set<Role> roles, String scopeCode) {}

    /** A new account with the generated first password, which is shown once and never stored in clear. */
    public record CreatedUser(UserAccount account, String firstPassword) {}

    @PreAuthorize("hasRole('SYSTEM_ADMIN')")
    @Transactional(readOnly = true)
    public List<UserAccount> list() {
        return accounts.findByScopePathStartingWithOrderByUsername(
                CurrentScope.requireUser().scope().value());
    }

    @PreAuthorize("hasRole('SYSTEM_ADMIN')")
    @Transactional(readOnly = true)
    public UserAccount get(long id) {
        UserAccount account = accounts.findById(id).orElseThrow(() -> userNotFound(id));
        CurrentScope.check(account.scopePath());
        return account;
    }

    @PreAuthorize("hasRole('SYSTEM_ADMIN')")
    @Transactional
    public CreatedUser create(NewUser request) {
        String username = request.username() == null ? "" : request.username().strip();
        check(username, request.displayName(), request.roles(), request.scopeCode());
        return createUnchecked(request, actor());
    }

    /** The scope level a role's work is done at; a role not listed here may work at any level. */
    private static final java.util.Map<Role, OrgLevel> ROLE_LEVELS = java.util.Map.of(
            Role.COMMUNITY_WORKER, OrgLevel.COMMUNITY,
            Role.SITE_MANAGER, OrgLevel.COMMUNITY,
            Role.STREET_OFFICER, OrgLevel.STREET);

    /**
     * Every fault of a new or changed user at once, each naming its field, before anything is stored: the username
     * (when one is given), the name, the roles, the scope, and whether the scope is the level the roles work at.
     */
    private void check(String username, String displayName, Set<Role> roles, String scopeCode) {
        List<Violation> faults = new ArrayList<>();
        if (username != null) {
            if (!UserAccount.validUsername(username)) {
                faults.add(new Violation("username", "FORMAT", "用户名须为 3–64 位小写字母、数字或 . _ -"));
            } else if (accounts.findByUsername(username).isPresent()) {
                faults.add(new Violation("username", "TAKEN", "用户名“" + username + "”已被使用"));
            }
        }
        if (displayName == null || displayName.isBlank()) {
            faults.add(new Violation("displayName", "REQUIRED", "请填写姓名"));
        }
        if (roles == null || roles.isEmpty()) {
            faults.add(new Violation("roles", "REQUIRED", "请至少选择一个角色"));
        } else if (roles.size() > 1 && roles.stream().anyMatch(Role::exclusive)) {
            faults.add(new Violation("roles", "EXCLUSIVE", "审计员、系统管理员角色不能与其他角色同时授予"));
        }
        if (scopeCode == null || scopeCode.isBlank()) {
            faults.add(new Violation("scopeCode", "REQUIRED", "请填写管辖范围（组织机构代码）"));
        } else {
            var unit = orgUnits.find(scopeCode.strip());
            if (unit.isEmpty()) {
                faults.add(new Violation("scopeCode", "UNKNOWN", "没有代码为“" + scopeCode.strip() + "”的组织机构"));
            } else if (roles != null) {
                roles.stream()
                        .map(ROLE_LEVELS::get)
                        .filter(level -> level != null && level != unit.get().level())
                        .distinct()
                        .forEach(level -> faults.add(new Violation(
                                "scopeCode",
                                "ROLE_LEVEL",
                                level == OrgLevel.COMMUNITY
                                        ? "社区计生专干、站点管理员的管辖范围应为一个社区，“"
                                                + unit.get().name() + "”不是社区"
                                        : "街道计生办的管辖范围应为一个街道，“" + unit.get().name() + "”不是街道")));
            }
        }
        if (!faults.isEmpty()) {
            throw new InvalidFields(faults);
        }
    }

    /** Creates an account without an administrator present; used for the first users of a new server. */
    CreatedUser createUnchecked(NewUser request, String actor) {
        OrgUnit scope = scopeUnit(request.scopeCode());
        String password = Passwords.generate();
        Instant now = clock.instant();
        UserAccount account = UserAccount.create(
                request.username() == null ? null : request.username().strip(),
                request.displayName(),
                passwordEncoder.encode(password),
                scope.code(),
                scope.path(),
                request.roles(),
                now);
        UserAccount saved = accounts.save(account);
        events.publishEvent(new UserChanged(
                actor, saved.username(), saved.scopePath().value(), "created with roles " + saved.roles(), now));
        return new CreatedUser(saved, password);
    }

    @PreAuthorize("hasRole('SYSTEM_ADMIN')")
    @Transactional
    public UserAccount update(long id, String displayName, Set<Role> roles, String scopeCode, boolean enabled) {
        UserAccount account = get(id);
        check(null, displayName, roles, scopeCode);
        Instant now = clock.instant();
        StringBuilder change = new StringBuilder();
        if (!account.displayName().equals(displayName == null ? null : displayName.strip())) {
            account.rename(displayName, now);
            change.append("display name; ");
        }
        if (!account.roles().equals(roles)) {
            change.append("roles ")
                    .append(account.roles())
                    .append(" -> ")
                    .append(roles)
                    .append("; ");
            account.assignRoles(roles, now);
        }
        if (!account.scopeCode().equals(scopeCode)) {
            OrgUnit scope = scopeUnit(scopeCode);
            change.append("scope ")
                    .append(account.scopeCode())
                    .append(" -> ")
                    .append(scope.code())
                    .append("; ");
            account.assignScope(scope.code(), scope.path(), now);
        }
        if (account.enabled() != enabled) {
            account.enable(enabled, now);
            change.append(enabled ? "enabled; " : "disabled; ");
        }
        if (change.isEmpty()) {
            return account;
        }
        UserAccount saved = accounts.save(account);
        if (!enabled) {
            tokens.revokeAll(saved, actor());
            sessions.endAllBy(actor(), saved.username());
        }
        events.publishEvent(new UserChanged(
                actor(),
                saved.username(),
                saved.scopePath().value(),
                change.toString().strip(),
                now));
        return saved;
    }

    /** Sets a new generated password, unlocks the account and revokes its tokens. */
    @PreAuthorize("hasRole('SYSTEM_ADMIN')")
    @Transactional
    public String resetPassword(long id) {
        UserAccount account = get(id);
        String password = Passwords.generate();
        Instant now = clock.instant();
        account.resetPassword(passwordEncoder.encode(password), now);
        accounts.save(account);
        tokens.revokeAll(account, actor());
        sessions.endAllBy(actor(), account.username());
        events.publishEvent(
                new UserChanged(actor(), account.username(), account.scopePath().value(), "password reset", now));
        return password;
    }

    /** The signed-in user changes their own password, proving they know the current one. */
    @Transactional
    public void changeOwnPassword(String currentPassword, String newPassword) {
        long userId = CurrentScope.requireUser().userId();
        UserAccount account = accounts.findById(userId).orElseThrow(() -> userNotFound(userId));
        if (currentPassword == null || !passwordEncoder.matches(currentPassword, account.passwordHash())) {
            throw new InvalidInput("currentPassword", "The current password is not correct");
        }
        PasswordPolicy.check(account.username(), newPassword);
        if (newPassword.equals(currentPassword)) {
            throw new InvalidInput("newPassword", "The new password must differ from the current one");
        }
        Instant now = clock.instant();
        account.changePassword(passwordEncoder.encode(newPassword), now);
        accounts.save(account);
        events.publishEvent(new UserChanged(
                account.username(), account.username(), account.scopePath().value(), "own password changed", now));
    }

    private OrgUnit scopeUnit(String code) {
        if (code == null || code.isBlank()) {
            throw new InvalidInput("scopeCode", "A scope (org unit code) is required");
        }
        OrgUnit unit = orgUnits.find(code.strip())
                .orElseThrow(() -> new InvalidInput("scopeCode", "No org unit has the code " + code));
        CurrentScope.user().ifPresent(admin -> {
            if (!admin.scope().contains(unit.path())) {
                throw new OutOfScope(unit.code());
            }
        });
        return unit;
    }

    private static String actor() {
        return CurrentScope.requireUser().username();
    }

    private static NotFound userNotFound(long id) {
        return new NotFound("user-not-found", "No user has the id " + id);
    }
}
