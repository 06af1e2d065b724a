package org.leadscoring.crm.zoho;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.leadscoring.crm.CircuitState;
import org.leadscoring.crm.CreditBudget;
import org.leadscoring.crm.CrmError;
import org.leadscoring.crm.CrmException;
import org.leadscoring.crm.CrmUsage;
import org.leadscoring.jobs.Backoff;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Makes one logical Zoho call: limits the calls in flight (reads first, {@link CallSlots}), authenticates (renewing a
 * rejected token once), obeys Zoho's pace for the whole client, retries what may pass within a bounded number of
 * attempts and total time (the one {@link Backoff}, with jitter), and counts calls and credits: each logical call is
 * charged to the caller's {@link CreditBudget} before it is made, and Zoho's charge for each answered call is added to
 * {@link #usage()}.
 * <ul>
 * <li><b>Pace.</b> A 429 pauses every call of this client until Zoho's {@code Retry-After} (seconds or a date), the
 * answer's {@code details.retry_after}, or — when {@code X-RATELIMIT-REMAINING} says 0 on any answer —
 * {@code X-RATELIMIT-RESET}; without any, a backoff. A call whose time runs out before the pause ends fails at once
 * as {@link CrmException.Failure#THROTTLED} with the time to come back. Throttles are counted apart from failures and
 * do not open the {@link ZohoCircuit}.</li>
 * <li><b>Lost answers.</b> A 5xx, a timeout after the request went out, or an answer that is not Zoho's JSON (a
 * gateway's page) is retried for a {@link Repeat#SAFE} call (reads, updates that set fields); a {@link Repeat#ONCE}
 * call (create, convert) may have been done, so it is not sent again: it fails as
 * {@link CrmException.Failure#UNKNOWN_OUTCOME}, and its caller looks the person up before writing again.</li>
 * </ul>
 * Other 4xx answers are returned to the caller, not retried.
 */
final class ZohoTransport {

    private static final Logger LOG = Logger.getLogger(ZohoTransport.class);

    /** A Zoho answer: status and body (a missing node when empty or not a JSON object). */
    record Answer(int status, JsonNode body) {
    }

    /** Whether a call may be sent again when its answer was lost. */
    enum Repeat {
        /** Sending it twice does what sending it once does: reads, and updates that set fields to values. */
        SAFE,
        /** Sending it twice may do it twice (a second record, a second conversion): never resent without a lookup. */
        ONCE
    }

    private final ZohoTokens tokens;
    private final CallSlots inFlight;
    private final int maxAttempts;
    private final Backoff backoff;
    private final Duration maxTotal;
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong credits = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong throttles = new AtomicLong();
    private final AtomicLong lostAnswers = new AtomicLong();
    private final AtomicLong looseMatches = new AtomicLong();
    private final AtomicLong creditsRemaining = new AtomicLong(-1);
    /** No call of this client before this instant (epoch millis): Zoho asked to slow down. */
    private final AtomicLong pausedUntil = new AtomicLong();

    private final ZohoCircuit circuit;

    ZohoTransport(ZohoTokens tokens, int maxConcurrent, int maxAttempts, Backoff backoff, Duration maxTotal) {
        this(tokens, maxConcurrent, maxAttempts, backoff, maxTotal, ZohoCircuit.off());
    }

    ZohoTransport(ZohoTokens tokens, int maxConcurrent, int maxAttempts, Backoff backoff, Duration maxTotal, ZohoCircuit circuit) {
        this.circuit = circuit;
        this.tokens = tokens;
        this.inFlight = new CallSlots(maxConcurrent);
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
        this.maxTotal = maxTotal;
    }

    int callsAtOnce() {
        return inFlight.size();
    }

    CircuitState circuit() {
        return circuit.state();
    }

    CrmUsage usage() {
        return new CrmUsage(calls.get(), credits.get(), retries.get(), tokens.refreshes(), throttles.get(), lostAnswers.get(), looseMatches.get(),
                creditsRemaining.get());
    }

    /** Gets an access token (the cached one while it is valid): what signing in to Zoho takes, and nothing more. */
    void signIn() {
        tokens.get();
    }

    /** Counts a record Zoho answered for a lookup that was not the person asked for. */
    void looseMatch() {
        looseMatches.incrementAndGet();
    }

    /** {@link #call(String, CreditBudget, CreditBudget.Use, int, Repeat, BiFunction)} of a call that is {@link Repeat#SAFE} to repeat. */
    Answer call(String what, CreditBudget budget, CreditBudget.Use use, int credits, BiFunction<ZohoTokens.AccessToken, String, Response> call) {
        return call(what, budget, use, credits, Repeat.SAFE, call);
    }

    /**
     * @param what    what the call does, for messages ("create Leads")
     * @param budget  the caller's allowance the call is charged to before it is made
     * @param use     whether the call reads or writes, for the caller's accounts
     * @param credits what the call costs when Zoho answers it
     * @param repeat  whether the call may be sent again after its answer was lost
     * @param call    the HTTP call, given the API base URL's client and the Authorization header value
     * @throws CrmException when Zoho cannot be reached, keeps failing past the retry budget, paces the client past the
     *                       call's time, or lost the answer of a {@link Repeat#ONCE} call; or the circuit is open
     * @throws CreditBudget.Exhausted when the call would go over the caller's credit budget; nothing is sent
     */
    Answer call(String what, CreditBudget budget, CreditBudget.Use use, int credits, Repeat repeat,
            BiFunction<ZohoTokens.AccessToken, String, Response> call) {
        budget.charge(use, credits);
        return circuit.call(() -> attempts(what, use, credits, repeat, call), Answer.class);
    }

    private Answer attempts(String what, CreditBudget.Use use, int credits, Repeat repeat, BiFunction<ZohoTokens.AccessToken, String, Response> call) {
        long deadline = System.nanoTime() + maxTotal.toNanos();
        boolean renewed = false;
        CrmError lastError = null;
        Throwable lastCause = null;
        for (int attempt = 1; ; attempt++) {
            awaitPace(what, deadline);
            ZohoTokens.AccessToken token = tokens.get();
            Answer answer = null;
            boolean sent = true;
            acquire(deadline, use, what);
            try (Response response = call.apply(token, token.header())) {
                answer = new Answer(response.getStatus(), ZohoJson.read(response));
                pace(response, answer);
            } catch (WebApplicationException e) {
                // A client that maps error statuses to exceptions still carries Zoho's answer.
                answer = new Answer(e.getResponse().getStatus(), ZohoJson.read(e.getResponse()));
                pace(e.getResponse(), answer);
            } catch (ProcessingException e) {
                lastCause = e;
                sent = !refusedToConnect(e);
                lastError = new CrmError(0, "UNREACHABLE", "Zoho did not answer (" + CrmException.rootCause(e) + ")", null, null, null);
            } finally {
                inFlight.give();
            }
            count(what, answer);
            if (answer != null) {
                calls.incrementAndGet();
                int status = answer.status();
                if (status == 401 && !renewed && isTokenProblem(answer.body())) {
                    renewed = true;
                    tokens.renewAfterRejection(token);
                    attempt--;
                    continue;
                }
                if (status == 429) {
                    // Not done: tried again once the pause pace() set is over, unless that is past the call's time.
                    throttles.incrementAndGet();
                    if (attempt >= maxAttempts || pausedUntil.get() > deadlineMillis(deadline)) {
                        throw throttled(what);
                    }
                    retries.incrementAndGet();
                    continue;
                }
                boolean answered = status == 204 || ZohoJson.isAnswer(answer.body());
                if (status < 500 && answered) {
                    this.credits.addAndGet(credits);
                    return answer;
                }
                lastError = answered ? ZohoJson.error(status, answer.body())
                        : new CrmError(status, "NOT_ZOHO_ANSWER", "the answer was not Zoho's JSON (HTTP " + status + ")", null, null, null);
                lastCause = null;
            }
            if (repeat == Repeat.ONCE && sent) {
                lostAnswers.incrementAndGet();
                LOG.warnf("Zoho %s: the answer was lost (%s); it may have been done, so it is not sent again before a lookup", what, lastError);
                throw new CrmException(new CrmError(lastError.httpStatus(), "OUTCOME_UNKNOWN", what + ": the answer was lost ("
                        + lastError.code() + ")", null, null, null), CrmException.Failure.UNKNOWN_OUTCOME, null, lastCause);
            }
            long backoff = backoffNanos(attempt);
            if (attempt >= maxAttempts || System.nanoTime() + backoff > deadline) {
                LOG.warnf("Zoho %s failed after %d attempts: %s", what, attempt, lastError);
                throw ZohoErrors.exception(lastError, true, lastCause);
            }
            retries.incrementAndGet();
            LOG.debugf("Zoho %s: %s; retry %d in %d ms", what, lastError, attempt, TimeUnit.NANOSECONDS.toMillis(backoff));
            sleep(backoff);
        }
    }

    /**
     * Counts a call by operation and answer ({@code leadscoring.crm.calls}: 2xx, 4xx, 5xx, throttled, unreachable) on
     * Micrometer's global registry, which the service's registry joins at start (nothing is kept without one).
     */
    private static void count(String what, Answer answer) {
        String kind = answer == null ? "unreachable" : answer.status() == 429 ? "throttled" : (answer.status() / 100) + "xx";
        io.micrometer.core.instrument.Metrics.counter("leadscoring.crm.calls", "operation", what, "answer", kind).increment();
    }

    /** Waits out a pause Zoho asked for, or fails as throttled when it lasts past the call's deadline. */
    private void awaitPace(String what, long deadline) {
        long until = pausedUntil.get();
        long now = System.currentTimeMillis();
        if (until <= now) {
            return;
        }
        if (until > deadlineMillis(deadline)) {
            throw throttled(what);
        }
        sleep(TimeUnit.MILLISECONDS.toNanos(until - now));
    }

    private CrmException throttled(String what) {
        Instant at = Instant.ofEpochMilli(pausedUntil.get());
        return new CrmException(new CrmError(429, "THROTTLED", "Zoho asked to slow down; " + what + " waits until " + at, null, null, null),
                CrmException.Failure.THROTTLED, at, null);
    }

    /**
     * Reads Zoho's pace off an answer: on a 429, a pause until {@code Retry-After}, {@code details.retry_after} or a
     * backoff; on any answer whose {@code X-RATELIMIT-REMAINING} is 0, a pause until {@code X-RATELIMIT-RESET}. The credits
     * Zoho says remain ({@code X-API-CREDITS-REMAINING}, once half the day's are used) are kept for the metrics.
     */
    private void pace(Response response, Answer answer) {
        RateHeaders.count(response.getHeaderString("X-API-CREDITS-REMAINING")).ifPresent(creditsRemaining::set);
        long now = System.currentTimeMillis();
        long until = 0;
        if (answer.status() == 429) {
            until = RateHeaders.retryAfter(response.getHeaderString("Retry-After"), now)
                    .or(() -> RateHeaders.retryAfter(answer.body().path("details").path("retry_after").asText(null), now))
                    .orElseGet(() -> now + TimeUnit.NANOSECONDS.toMillis(backoffNanos((int) Math.min(10, throttles.get() + 1))));
        }
        if ("0".equals(trim(response.getHeaderString("X-RATELIMIT-REMAINING")))) {
            until = Math.max(until, RateHeaders.reset(response.getHeaderString("X-RATELIMIT-RESET"), now).orElse(0L));
        }
        if (until > now) {
            long target = until;
            pausedUntil.accumulateAndGet(target, Math::max);
            LOG.debugf("Zoho asked to slow down: calls wait until %s", Instant.ofEpochMilli(target));
        }
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }

    private static long deadlineMillis(long deadlineNanos) {
        return System.currentTimeMillis() + TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
    }

    private void acquire(long deadline, CreditBudget.Use use, String what) {
        try {
            long wait = Math.max(0, deadline - System.nanoTime());
            if (!inFlight.take(use, wait, TimeUnit.NANOSECONDS)) {
                throw ZohoErrors.exception(new CrmError(0, "BUSY", "Too many Zoho calls in flight; " + what + " waited too long", null, null, null), true);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ZohoErrors.exception(new CrmError(0, "INTERRUPTED", what + " was interrupted", null, null, null), true, e);
        }
    }

    /** The backoff after {@code attempt} failed attempts, with jitter. */
    private long backoffNanos(int attempt) {
        return backoff.jittered(attempt).toNanos();
    }

    private static boolean isTokenProblem(JsonNode body) {
        String code = body.path("code").asText("");
        return code.isEmpty() || code.equals("INVALID_TOKEN") || code.equals("AUTHENTICATION_FAILURE");
    }

    /** Whether the connection was refused or never made, so the request did not go out. */
    private static boolean refusedToConnect(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException || t instanceof java.net.UnknownHostException || t instanceof java.net.NoRouteToHostException) {
                return true;
            }
        }
        return false;
    }

    private static void sleep(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ZohoErrors.exception(new CrmError(0, "INTERRUPTED", "interrupted while waiting to retry", null, null, null), true, e);
        }
    }
}
