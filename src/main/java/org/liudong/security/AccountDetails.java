package org.liudong.security;

import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Loads accounts for the password check, marks those whose password must change (first, reset or older
 * than {@code liudong.security.password.max-age}), and re-hashes a password stored with weaker parameters.
 */
@Component
class AccountDetails implements UserDetailsService, UserDetailsPasswordService {

    private final UserAccounts accounts;
    private final Clock clock;
    private final Duration maxAge;

    AccountDetails(
            UserAccounts accounts, Clock clock, @Value("${liudong.security.password.max-age:90d}") Duration maxAge) {
        this.accounts = accounts;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return accounts.findByUsername(username == null ? "" : username.strip())
                .map(this::user)
                .orElseThrow(() -> new UsernameNotFoundException("unknown user"));
    }

    LiudongUser user(UserAccount account) {
        var now = clock.instant();
        return new LiudongUser(account, account.isLocked(now), account.passwordChangeRequired(now, maxAge));
    }

    @Override
    @Transactional
    public UserDetails updatePassword(UserDetails user, String newPassword) {
        return accounts.findByUsername(user.getUsername())
                .map(account -> {
                    account.upgradePasswordHash(newPassword);
                    return user(accounts.save(account));
                })
                .orElseThrow(() -> new UsernameNotFoundException("unknown user"));
    }
}
