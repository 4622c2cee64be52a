package org.liudong.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps a page session on the path of its sign-in: a pending second factor goes to the code or enrolment
 * page, a password that must change goes to the password page, and a session older than the absolute
 * timeout ends, whatever page was asked for.
 */
class AccountGate extends OncePerRequestFilter {

    private static final List<String> ALWAYS_OPEN =
            List.of("/login", "/logout", "/error", "/webjars/", "/css/", "/js/", "/img/", "/favicon.ico");

    private final SignInFlow flow;

    AccountGate(SignInFlow flow) {
        this.flow = flow;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (ALWAYS_OPEN.stream().anyMatch(path::startsWith) && !path.startsWith("/login/totp")) {
            chain.doFilter(request, response);
            return;
        }
        if (flow.expired(request)) {
            SecurityContextHolder.clearContext();
            request.getSession().invalidate();
            response.sendRedirect(request.getContextPath() + "/login?expired");
            return;
        }
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        String target = null;
        if (authentication instanceof PendingSignIn pending) {
            target = pending.step() == PendingSignIn.Step.CODE ? "/login/totp" : "/account/totp";
        } else if (authentication != null
                && authentication.getPrincipal() instanceof LiudongUser user
                && user.mustChangePassword()) {
            target = "/account/password";
        }
        if (target != null && !path.equals(target)) {
            response.sendRedirect(request.getContextPath() + target);
            return;
        }
        chain.doFilter(request, response);
    }
}
