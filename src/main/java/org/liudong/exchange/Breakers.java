package org.liudong.exchange;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One circuit breaker per destination: after {@code threshold} failures in a row the destination is skipped
 * for {@code open}, then one batch is tried again (half-open); a success closes it. So one dead peer takes no
 * sending time from the others.
 */
final class Breakers {

    private record State(int failures, Instant openUntil) {}

    private final Map<String, State> states = new ConcurrentHashMap<>();
    private final ExchangeSettings settings;
    private final Clock clock;

    Breakers(ExchangeSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    void success(String destination) {
        states.remove(destination);
    }

    void failure(String destination) {
        states.compute(destination, (key, state) -> {
            int failures = state == null ? 1 : state.failures() + 1;
            Instant openUntil = failures >= settings.breakerThreshold()
                    ? clock.instant().plus(settings.breakerOpen())
                    : Instant.MIN;
            return new State(failures, openUntil);
        });
    }

    boolean isOpen(String destination) {
        State state = states.get(destination);
        return state != null && state.openUntil().isAfter(clock.instant());
    }

    List<String> open() {
        return states.keySet().stream().filter(this::isOpen).toList();
    }
}
