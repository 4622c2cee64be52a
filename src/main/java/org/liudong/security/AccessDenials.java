package org.liudong.security;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import org.liudong.security.SecurityEvents.AccessDenied;
import org.liudong.shared.CurrentScope;
import org.liudong.shared.ScopedUser;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** Publishes every refused request (403) so that the audit trail records denied attempts too. */
@Component
public class AccessDenials {

    private final ApplicationEventPublisher events;
    private final Clock clock;

    AccessDenials(ApplicationEventPublisher events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    public void record(HttpServletRequest request, String reason) {
        String username = CurrentScope.user().map(ScopedUser::username).orElse(null);
        String path = request.getRequestURI();
        events.publishEvent(new AccessDenied(
                username,
                request.getMethod(),
                path.length() > 300 ? path.substring(0, 300) : path,
                reason,
                request.getRemoteAddr(),
                clock.instant()));
    }
}
