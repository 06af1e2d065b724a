package org.leadscoring.crm.zoho;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Makes one logical Zoho call: limits the calls in flight (reads first, {@link CallSlots}), authenticates (renewing a rejected token once),
 * retries what may pass (429, 5xx, timeouts) with exponential backoff and full jitter within a bounded number of
 * attempts and total time, and counts calls and credits: each logical call is charged to the caller's
 * {@link CreditBudget} before it is made, and Zoho's charge for each answered call is added to {@link #usage()}.
 * 4xx answers are returned to the caller, not retried.
 */
final class ZohoTransport {

    private static final Logger LOG = Logger.getLogger(ZohoTransport.class);

    /** A Zoho answer: status and body (a missing node when empty). */
    record Answer(int status, JsonNode body) {
    }

    private final ZohoTokens tokens;
    private final CallSlots inFlight;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration maxTotal;
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong credits = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();

    private final ZohoCircuit circuit;

    ZohoTransport(ZohoTokens tokens, int maxConcurrent, int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxTotal) {
        this(tokens, maxConcurrent, maxAttempts, initialBackoff, maxBackoff, maxTotal, ZohoCircuit.off());
    }

    ZohoTransport(ZohoTokens tokens, int maxConcurrent, int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxTotal,
            ZohoCircuit circuit) {
        this.circuit = circuit;
        this.tokens = tokens;
        this.inFlight = new CallSlots(maxConcurrent);
        this.maxAttempts = maxAttempts;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.maxTotal = maxTotal;
    }

    ZohoCircuit.State circuit() {
        return circuit.state();
    }

    ZohoUsage usage() {
        return new ZohoUsage(calls.get(), credits.get(), retries.get(), tokens.refreshes());
    }

    /**
     * @param what    what the call does, for messages ("create Leads")
     * @param use     whether the call reads or writes, for the caller's accounts
     * @param credits what the call costs when Zoho answers it
     * @param call    the HTTP call, given the API base URL's client and the Authorization header value
     * @throws ZohoException when Zoho cannot be reached or keeps failing past the retry budget, or the circuit is open
     * @throws CreditBudget.Exhausted when the call would go over the caller's credit budget; nothing is sent
     */
    Answer call(String what, CreditBudget.Use use, int credits, BiFunction<ZohoTokens.AccessToken, String, Response> call) {
        CreditBudget.current().charge(use, credits);
        return circuit.call(() -> attempts(what, use, credits, call), Answer.class);
    }

    private Answer attempts(String what, CreditBudget.Use use, int credits, BiFunction<ZohoTokens.AccessToken, String, Response> call) {
        long deadline = System.nanoTime() + maxTotal.toNanos();
        boolean renewed = false;
        ZohoError lastError = null;
        Throwable lastCause = null;
        for (int attempt = 1; ; attempt++) {
            ZohoTokens.AccessToken token = tokens.get();
            Answer answer = null;
            acquire(deadline, use, what);
            try (Response response = call.apply(token, token.header())) {
                answer = new Answer(response.getStatus(), ZohoJson.read(response));
            } catch (WebApplicationException e) {
                // A client that maps error statuses to exceptions still carries Zoho's answer.
                answer = new Answer(e.getResponse().getStatus(), ZohoJson.read(e.getResponse()));
            } catch (ProcessingException e) {
                lastCause = e;
                lastError = new ZohoError(0, "UNREACHABLE", "Zoho did not answer (" + e.getClass().getSimpleName() + ")", null, null, null);
            } finally {
                inFlight.give();
            }
            if (answer != null) {
                calls.incrementAndGet();
                int status = answer.status();
                if (status == 401 && !renewed && isTokenProblem(answer.body())) {
                    renewed = true;
                    tokens.renewAfterRejection(token);
                    attempt--;
                    continue;
                }
                if (status != 429 && status < 500) {
                    this.credits.addAndGet(credits);
                    return answer;
                }
                lastError = ZohoJson.error(status, answer.body().path("code").isMissingNode()
                        ? ZohoJson.MAPPER.createObjectNode().put("code", status == 429 ? "TOO_MANY_REQUESTS" : "INTERNAL_ERROR")
                                .put("message", status == 429 ? "rate limited" : "server error")
                        : answer.body());
                lastCause = null;
            }
            long backoff = backoffNanos(attempt);
            if (attempt >= maxAttempts || System.nanoTime() + backoff > deadline) {
                LOG.warnf("Zoho %s failed after %d attempts: %s", what, attempt, lastError);
                throw new ZohoException(lastError, true, lastCause);
            }
            retries.incrementAndGet();
            LOG.debugf("Zoho %s: %s; retry %d in %d ms", what, lastError, attempt, TimeUnit.NANOSECONDS.toMillis(backoff));
            sleep(backoff);
        }
    }

    private void acquire(long deadline, CreditBudget.Use use, String what) {
        try {
            long wait = Math.max(0, deadline - System.nanoTime());
            if (!inFlight.take(use, wait, TimeUnit.NANOSECONDS)) {
                throw new ZohoException(new ZohoError(0, "BUSY", "Too many Zoho calls in flight; " + what + " waited too long", null, null, null), true);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ZohoException(new ZohoError(0, "INTERRUPTED", what + " was interrupted", null, null, null), true, e);
        }
    }

    /** Exponential backoff with full jitter: a random wait up to min(max, initial × 2^(attempt-1)). */
    private long backoffNanos(int attempt) {
        long ceiling = Math.min(maxBackoff.toNanos(), initialBackoff.toNanos() << Math.min(attempt - 1, 20));
        return ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1);
    }

    private static boolean isTokenProblem(JsonNode body) {
        String code = body.path("code").asText("");
        return code.isEmpty() || code.equals("INVALID_TOKEN") || code.equals("AUTHENTICATION_FAILURE");
    }

    private static void sleep(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ZohoException(new ZohoError(0, "INTERRUPTED", "interrupted while waiting to retry", null, null, null), true, e);
        }
    }
}
