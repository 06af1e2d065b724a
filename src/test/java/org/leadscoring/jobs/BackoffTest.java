package org.leadscoring.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void givenFailuresInARow_thenTheWaitDoublesFromTheFirstUpToTheLongest() {
        Backoff b = new Backoff(Duration.ofSeconds(30), Duration.ofHours(1));

        assertThat(b.after(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(b.after(2)).isEqualTo(Duration.ofMinutes(1));
        assertThat(b.after(5)).isEqualTo(Duration.ofMinutes(8));
        assertThat(b.after(7)).isEqualTo(Duration.ofMinutes(32));
        assertThat(b.after(8)).as("64 minutes is past the longest").isEqualTo(Duration.ofHours(1));
        assertThat(b.after(1_000)).as("no overflow however many failures").isEqualTo(Duration.ofHours(1));
        assertThat(b.after(0)).as("no failure yet: the first wait").isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void givenJitter_thenEachWaitIsBetweenHalfTheWaitAndAllOfIt_andTheySpread() {
        Backoff b = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(10));
        java.util.Set<Duration> seen = new java.util.HashSet<>();
        for (int i = 0; i < 200; i++) {
            Duration d = b.jittered(3);
            assertThat(d).isBetween(Duration.ofMillis(1_000), Duration.ofMillis(2_000));
            seen.add(d);
        }
        assertThat(seen).hasSizeGreaterThan(100);
        assertThat(b.jittered(100)).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(10));
    }

    @Test
    void givenALongestShorterThanTheFirstOrNoFirst_thenRefused() {
        assertThatThrownBy(() -> new Backoff(Duration.ofMinutes(2), Duration.ofMinutes(1))).hasMessageContaining("first");
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofMinutes(1))).hasMessageContaining("first");
    }
}
