package org.liudong.security;

import java.time.Clock;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/** Loads accounts for the password check. */
@Component
class AccountDetails implements UserDetailsService {

    private final UserAccounts accounts;
    private final Clock clock;

    AccountDetails(UserAccounts accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return accounts.findByUsername(username == null ? "" : username.strip())
                .map(account -> new LiudongUser(account, account.isLocked(clock.instant())))
                .orElseThrow(() -> new UsernameNotFoundException("unknown user"));
    }
}
