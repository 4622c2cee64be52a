package org.liudong.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RetryTests {

    final ExchangeSettings settings = EnvelopesTests.settings();

    @Test
    void backoffStartsAtOneSecondAndDoublesWithJitterDownToHalf() {
        for (int i = 0; i < 50; i++) {
            assertThat(Dispatcher.backoff(settings, 1)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
            assertThat(Dispatcher.backoff(settings, 4)).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(8));
        }
    }

    @Test
    void backoffNeverExceedsFifteenMinutesHoweverManyAttempts() {
        assertThat(Dispatcher.backoff(settings, 11))
                .isBetween(Duration.ofMinutes(7).plusSeconds(30), Duration.ofMinutes(15));
        assertThat(Dispatcher.backoff(settings, 500)).isLessThanOrEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void aBreakerOpensAfterFiveFailuresInARowOnlyForThatDestinationAndClosesOnSuccess() {
        MutableClock clock = new MutableClock();
        Breakers breakers = new Breakers(settings, clock);

        for (int i = 0; i < 4; i++) {
            breakers.failure("dead");
        }
        assertThat(breakers.isOpen("dead")).isFalse();
        breakers.failure("dead");
        breakers.failure("alive");

        assertThat(breakers.open()).containsExactly("dead");
        clock.now = clock.now.plusSeconds(31);
        assertThat(breakers.isOpen("dead")).isFalse();
        breakers.failure("dead");
        assertThat(breakers.isOpen("dead")).isTrue();
        breakers.success("dead");
        assertThat(breakers.isOpen("dead")).isFalse();
    }

    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-03-02T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
