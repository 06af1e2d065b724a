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

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Keeps a valid access token: cached, renewed shortly before it expires or once Zoho rejects it, with never more
 * than one refresh in flight and never more than Zoho's 10 tokens per 10 minutes. Secrets are never logged.
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
    private volatile AccessToken current;
    private volatile int refreshes;

    ZohoTokens(ZohoAccountsApi accounts, String clientId, String clientSecret, String refreshToken, Duration margin, Clock clock) {
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
        while (!minted.isEmpty() && minted.peekFirst().isBefore(now.minus(WINDOW))) {
            minted.removeFirst();
        }
        if (minted.size() >= MAX_TOKENS_PER_WINDOW) {
            Duration wait = Duration.between(now, minted.peekFirst().plus(WINDOW));
            throw new ZohoException(new ZohoError(0, "TOKEN_LIMIT", "Zoho allows " + MAX_TOKENS_PER_WINDOW
                    + " access tokens per 10 minutes; the next one can be had in " + wait.toSeconds() + " s", null, null, null), true);
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
            throw new ZohoException(new ZohoError(0, "ACCOUNTS_UNREACHABLE", "The Zoho accounts server did not answer: " + rootMessage(e),
                    null, null, null), true, e);
        }
        minted.addLast(now);
        refreshes++;
        JsonNode accessToken = body.path("access_token");
        if (status >= 500) {
            throw new ZohoException(new ZohoError(status, "ACCOUNTS_UNAVAILABLE", "The Zoho accounts server failed", null, null, null), true);
        }
        if (!accessToken.isTextual()) {
            String error = body.path("error").asText("no access_token in the answer");
            // The refresh token, client id or data centre is wrong: retrying will not help.
            throw new ZohoException(new ZohoError(status, "OAUTH_" + error.toUpperCase(java.util.Locale.ROOT),
                    "Zoho refused the refresh token (" + error + "): check zoho.client-id, zoho.client-secret, zoho.refresh-token and zoho.dc",
                    null, null, Map.of()), false);
        }
        long expiresIn = body.path("expires_in").asLong(3600);
        String apiDomain = body.path("api_domain").asText(null);
        current = new AccessToken(accessToken.asText(), apiDomain, now.plusSeconds(expiresIn));
        LOG.infof("Obtained a Zoho access token for %s, valid %d s", apiDomain, expiresIn);
        return current;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
