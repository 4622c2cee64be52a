package org.liudong.imports.demo;

import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.stereotype.Component;

/**
 * Runs the generator as the district's officer account (by default {@code shijingshan}, created on the first
 * start), because the ledger is written only by users whose role and scope allow it; the caller's own context
 * is restored afterwards.
 */
@Component
class SystemAccount {

    private final UserDetailsService users;
    private final String username;

    SystemAccount(UserDetailsService users, @Value("${liudong.demo.account:shijingshan}") String username) {
        this.users = users;
        this.username = username;
    }

    String username() {
        return username;
    }

    /** Throws {@link org.springframework.security.core.userdetails.UsernameNotFoundException} if there is none. */
    <T> T runAs(Supplier<T> work) {
        UserDetails principal = users.loadUserByUsername(username);
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities()));
        SecurityContextHolder.setContext(context);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }
}
