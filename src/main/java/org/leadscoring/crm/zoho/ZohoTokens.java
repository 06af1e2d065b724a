package org.leadscoring.crm.zoho;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.leadscoring.config.Secrets;
import org.leadscoring.crm.CrmError;
import org.leadscoring.crm.CrmException;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Keeps a valid access token: cached, renewed shortly before it expires or once Zoho rejects it, with never more
 * than one refresh in flight (single-flight: one lock) and never more than Zoho's 10 tokens per 10 minutes. After a
 * failed refresh the next is spaced: {@code throttleWait} after the accounts server's throttle ({@code Access Denied},
 * which it answers with 200 or 400 when a refresh token asks too often), a few seconds after an outage; meanwhile
 * callers are told {@link CrmException.Failure#THROTTLED} with the time to come back, without a request. The client
 * secret, refresh token and every access token are {@link Secrets}: never logged, scrubbed from any text.
 */
final class ZohoTokens {

    private static final Logger LOG = Logger.getLogger(ZohoTokens.class);
    static final int MAX_TOKENS_PER_WINDOW = 10;
    static final Duration WINDOW = Duration.ofMinutes(10);

    /** An access token and the API domain it is for. */
    record AccessToken(String value, String apiDomain, Instant expiresAt) {

        String header() {
            return "Zoho-oauthtoken " + value;
        }

        @Override
        public String toString() {
            return "AccessToken[for " + apiDomain + ", expires " + expiresAt + "]";
        }
    }

    private final ZohoAccountsApi accounts;
    private final String clientId;
    private final String clientSecret;
    private final String refreshToken;
    private final Duration margin;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Deque<Instant> minted = new ArrayDeque<>();
    private final Duration throttleWait;
    private volatile AccessToken current;
    private volatile int refreshes;
    /** No token request before this (after a throttle or an outage of the accounts server). */
    private volatile Instant notBefore = Instant.EPOCH;

    ZohoTokens(ZohoAccountsApi accounts, String clientId, String clientSecret, String refreshToken, Duration margin, Clock clock) {
        this(accounts, clientId, clientSecret, refreshToken, margin, clock, Duration.ofSeconds(60));
    }

    ZohoTokens(ZohoAccountsApi accounts, String clientId, String clientSecret, String refreshToken, Duration margin, Clock clock, Duration throttleWait) {
        Secrets.register(clientSecret);
        Secrets.register(refreshToken);
        this.throttleWait = throttleWait;
        this.accounts = accounts;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.refreshToken = refreshToken;
        this.margin = margin;
        this.clock = clock;
    }

    /** A token valid for at least the refresh margin, refreshing it first when needed. */
    AccessToken get() {
        AccessToken token = current;
        if (fresh(token)) {
            return token;
        }
        lock.lock();
        try {
            // Whoever held the lock before may have refreshed already.
            if (fresh(current)) {
                return current;
            }
            return refresh();
        } finally {
            lock.unlock();
        }
    }

    /** Zoho refused {@code rejected}: get a new token unless another thread already has. */
    AccessToken renewAfterRejection(AccessToken rejected) {
        lock.lock();
        try {
            if (current != null && current != rejected && fresh(current)) {
                return current;
            }
            return refresh();
        } finally {
            lock.unlock();
        }
    }

    /** How many access tokens this client has minted. */
    int refreshes() {
        return refreshes;
    }

    private boolean fresh(AccessToken token) {
        return token != null && clock.instant().plus(margin).isBefore(token.expiresAt());
    }

    private AccessToken refresh() {
        Instant now = clock.instant();
        if (now.isBefore(notBefore)) {
            throw throttled("TOKEN_SPACING", "the accounts server is asked again at " + notBefore, notBefore);
        }
        while (!minted.isEmpty() && minted.peekFirst().isBefore(now.minus(WINDOW))) {
            minted.removeFirst();
        }
        if (minted.size() >= MAX_TOKENS_PER_WINDOW) {
            Instant next = minted.peekFirst().plus(WINDOW);
            throw throttled("TOKEN_LIMIT", "Zoho allows " + MAX_TOKENS_PER_WINDOW + " access tokens per 10 minutes; the next one can be had at " + next, next);
        }
        JsonNode body;
        int status;
        try (Response response = accounts.token("refresh_token", clientId, clientSecret, refreshToken)) {
            status = response.getStatus();
            body = ZohoJson.read(response);
        } catch (jakarta.ws.rs.WebApplicationException e) {
            status = e.getResponse().getStatus();
            body = ZohoJson.read(e.getResponse());
        } catch (ProcessingException e) {
            notBefore = now.plus(outageWait());
            throw new CrmException(new CrmError(0, "ACCOUNTS_UNREACHABLE", "The Zoho accounts server did not answer (" + CrmException.rootCause(e) + ")",
                    null, null, null), CrmException.Failure.PASSING, notBefore, null);
        }
        JsonNode accessToken = body.path("access_token");
        String error = body.path("error").asText("");
        if (error.equalsIgnoreCase("Access Denied")) {
            notBefore = now.plus(throttleWait);
            LOG.warnf("The Zoho accounts server throttles token requests (Access Denied); the next is asked at %s", notBefore);
            throw throttled("ACCOUNTS_THROTTLED", "the Zoho accounts server throttles token requests; asked again at " + notBefore, notBefore);
        }
        if (status >= 500 || status == 429 || (!accessToken.isTextual() && !ZohoJson.isAnswer(body))) {
            // An outage, or an answer that is not the accounts server's JSON (a gateway's page): it passes.
            notBefore = now.plus(outageWait());
            throw new CrmException(new CrmError(status, "ACCOUNTS_UNAVAILABLE", "The Zoho accounts server failed (HTTP " + status + ")",
                    null, null, null), CrmException.Failure.PASSING, notBefore, null);
        }
        if (!accessToken.isTextual() || accessToken.asText().isBlank()) {
            // The refresh token, client id or data centre is wrong: an operator must fix it; queued work waits.
            notBefore = now.plus(outageWait());
            String code = ZohoJson.plainCode(error.isEmpty() ? "NO_ACCESS_TOKEN" : error.toUpperCase(java.util.Locale.ROOT).replace(' ', '_'));
            throw new CrmException(new CrmError(status, "OAUTH_" + code,
                    "Zoho refused the refresh token: check zoho.client-id, zoho.client-secret, zoho.refresh-token and zoho.dc",
                    null, null, Map.of()), CrmException.Failure.SETUP, notBefore, null);
        }
        long expiresIn = body.path("expires_in").asLong(3600);
        String apiDomain = body.path("api_domain").asText(null);
        Secrets.registerShortLived(accessToken.asText());
        minted.addLast(now);
        refreshes++;
        current = new AccessToken(accessToken.asText(), apiDomain, now.plusSeconds(expiresIn));
        LOG.infof("Obtained a Zoho access token for %s, valid %d s", apiDomain, expiresIn);
        return current;
    }

    /** How long token requests pause after an outage: a few seconds, never longer than after a throttle. */
    private Duration outageWait() {
        Duration few = Duration.ofSeconds(5);
        return throttleWait.compareTo(few) < 0 ? throttleWait : few;
    }

    private static CrmException throttled(String code, String message, Instant retryAt) {
        return new CrmException(new CrmError(0, code, message, null, null, null), CrmException.Failure.THROTTLED, retryAt, null);
    }
}
