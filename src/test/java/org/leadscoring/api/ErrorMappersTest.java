package org.leadscoring.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.leadscoring.intake.IdempotencyKeyReusedException;
import org.leadscoring.scoring.ScoringTimeoutException;

/** The answers of the error paths no request can reach on demand: each status, code and message. */
class ErrorMappersTest {

    final ErrorMappers mappers = new ErrorMappers(null);

    @Test
    void givenScoringPastTheTimeBound_then503NamingModelRuleSetAndRule() {
        var response = mappers.scoringTimeout(new ScoringTimeoutException("b2b", "b28217ea05c6", "Demo requested", Duration.ofMillis(250)));

        assertThat(response.getStatus()).isEqualTo(503);
        ApiError error = (ApiError) response.getEntity();
        assertThat(error.error()).isEqualTo("scoring_timeout");
        assertThat(error.message()).contains("250 ms", "model 'b2b'", "rule set b28217ea05c6", "'Demo requested'");
    }

    @Test
    void givenIdempotencyKeyReused_then422InTheErrorShape() {
        // The 413 for bodies too large is reached on demand: HostileIntakeTest sends them, with and without a length.
        var reused = mappers.idempotencyKeyReused(new IdempotencyKeyReusedException("in_first"));

        assertThat(reused.getStatus()).isEqualTo(422);
        assertThat(((ApiError) reused.getEntity()).message()).contains("in_first");
    }
}
