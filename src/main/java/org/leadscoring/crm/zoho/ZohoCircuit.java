package org.leadscoring.crm.zoho;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;

import org.jboss.logging.Logger;
import org.leadscoring.crm.CircuitState;
import org.leadscoring.crm.CrmError;
import org.leadscoring.crm.CrmException;

import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;

/**
 * Knows when Zoho is down: after {@code zoho.circuit.failures} calls in a row have failed past their retries
 * (5xx, unreachable, answers lost; not 429s, which are counted as throttles) the circuit opens and calls fail at once, so intakes are answered "queued" within a
 * second instead of each waiting out its own retries; after {@code zoho.circuit.delay} one probe call goes through,
 * and its success closes the circuit. SmallRye Fault Tolerance's circuit breaker does the counting.
 */
public final class ZohoCircuit {

    private static final Logger LOG = Logger.getLogger(ZohoCircuit.class);

    /** Whether calls go to Zoho. */
    private final Guard guard;
    private final int failures;
    private final Duration delay;
    private volatile CircuitState state = CircuitState.CLOSED;

    private ZohoCircuit(int failures, Duration delay) {
        this.failures = failures;
        this.delay = delay;
        this.guard = failures <= 0 ? null : Guard.create()
                .withCircuitBreaker()
                .requestVolumeThreshold(failures).failureRatio(1.0).successThreshold(1)
                .delay(delay.toMillis(), ChronoUnit.MILLIS)
                // Throttles are Zoho pacing the client (ZohoTransport waits them out), not Zoho failing.
                .when(e -> e instanceof CrmException z && (z.failure() == CrmException.Failure.PASSING
                        || z.failure() == CrmException.Failure.UNKNOWN_OUTCOME))
                .onStateChange(this::changed)
                .done().build();
    }

    /** A circuit that opens after {@code failures} failed calls in a row and probes after {@code delay}. */
    public static ZohoCircuit of(int failures, Duration delay) {
        return new ZohoCircuit(failures, delay);
    }

    /** No circuit: every call goes to Zoho. */
    public static ZohoCircuit off() {
        return new ZohoCircuit(0, Duration.ZERO);
    }

    public CircuitState state() {
        return state;
    }

    /**
     * Makes the call unless the circuit is open.
     *
     * @throws CrmException retryable, {@code CIRCUIT_OPEN}, while the circuit is open
     */
    <T> T call(Supplier<T> call, Class<T> type) {
        if (guard == null) {
            return call.get();
        }
        try {
            return guard.get(call, type);
        } catch (org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException open) {
            throw ZohoErrors.exception(new CrmError(0, "CIRCUIT_OPEN", "Zoho failed " + failures + " calls in a row; calls are paused and"
                    + " tried again after " + delay.toSeconds() + " s", null, null, null), true);
        }
    }

    private void changed(CircuitBreakerState next) {
        state = switch (next) {
            case OPEN -> CircuitState.OPEN;
            case HALF_OPEN -> CircuitState.HALF_OPEN;
            default -> CircuitState.CLOSED;
        };
        if (state == CircuitState.OPEN) {
            LOG.warnf("Zoho circuit open after %d failed calls in a row: intakes are queued; a probe follows in %d s", failures, delay.toSeconds());
        } else if (state == CircuitState.CLOSED) {
            LOG.info("Zoho circuit closed: Zoho answers again; queued work is delivered");
        }
    }
}
