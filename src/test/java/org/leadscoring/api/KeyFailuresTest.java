package org.leadscoring.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** Wrong keys slow a client down per address, for the rest of its minute, and only that client. */
class KeyFailuresTest {

    @Test
    void givenMoreWrongKeysThanAllowedInAMinute_thenThatClientWaitsForTheRestOfIt_andOthersDoNot() {
        AtomicLong now = new AtomicLong(1_000_000);
        KeyFailures failures = new KeyFailures(3, now::get);

        for (int i = 0; i < 3; i++) {
            assertThat(failures.waitFor("10.0.0.1")).isEmpty();
            failures.failed("10.0.0.1");
        }
        now.addAndGet(20_000);

        assertThat(failures.waitFor("10.0.0.1")).hasValue(40);
        assertThat(failures.waitFor("10.0.0.2")).isEmpty();
        now.addAndGet(40_000);
        assertThat(failures.waitFor("10.0.0.1")).as("a new minute").isEmpty();
    }

    @Test
    void givenAFloodOfAddresses_thenWhatIsRememberedStaysBounded() {
        AtomicLong now = new AtomicLong();
        KeyFailures failures = new KeyFailures(3, now::get);
        for (int i = 0; i < KeyFailures.MAX_CLIENTS * 3; i++) {
            failures.failed("client-" + i);
        }
        for (int i = 0; i < 4; i++) {
            failures.failed("guesser");
        }
        assertThat(failures.waitFor("guesser")).isPresent();
    }
}
