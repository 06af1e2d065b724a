package org.leadscoring.crm.zoho;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How the service reaches Zoho CRM, under {@code zoho.*}. Without credentials the client runs dry: it calls
 * nothing and records what it would have done.
 */
@ConfigMapping(prefix = "zoho")
public interface ZohoConfig {

    /** {@code zoho.dc}: the data centre of the Zoho organisation: com, eu, in, com.au, jp, ca, sa or com.cn. */
    @WithDefault("com")
    String dc();

    /** {@code zoho.accounts-url}: overrides the data centre's accounts server (tests, proxies). */
    Optional<String> accountsUrl();

    /** {@code zoho.api-url}: overrides the API domain, including the one a token response names (tests, proxies). */
    Optional<String> apiUrl();

    /** {@code zoho.client-id}: the OAuth client id of the self-client or server-based app. A secret: never logged. */
    Optional<String> clientId();

    /** {@code zoho.client-secret}: the OAuth client secret. A secret: never logged. */
    Optional<String> clientSecret();

    /** {@code zoho.refresh-token}: a refresh token with the ZohoCRM.modules.ALL and ZohoCRM.coql.READ scopes. A secret: never logged. */
    Optional<String> refreshToken();

    /** {@code zoho.max-concurrent-calls}: calls in flight at once; 5 is the lowest edition's concurrency limit. */
    @WithDefault("5")
    int maxConcurrentCalls();

    /** {@code zoho.token-refresh-margin}: how long before expiry an access token is renewed. */
    @WithDefault("5m")
    Duration tokenRefreshMargin();

    /**
     * {@code zoho.token-throttle-wait}: how long token requests pause after the accounts server throttled one
     * ({@code Access Denied}: a refresh token may mint 10 access tokens per 10 minutes, shared by every instance using it).
     */
    @WithDefault("60s")
    Duration tokenThrottleWait();

    /** Retries of calls that failed for reasons that pass (429, 5xx, timeouts). */
    Retry retry();

    /** When Zoho counts as down. */
    Circuit circuit();

    interface Circuit {

        /** {@code zoho.circuit.failures}: calls failed in a row (after their retries) that open the circuit; 0 turns it off. */
        @WithDefault("5")
        int failures();

        /** {@code zoho.circuit.delay}: how long the circuit stays open before one probe call is let through. */
        @WithDefault("10s")
        Duration delay();
    }

    /** Timeouts of one HTTP call. */
    Timeouts timeouts();

    /**
     * {@code zoho.lead-fields.<field>}: the Zoho field API name a prospect field or score is written to on Leads
     * (for example {@code zoho.lead-fields.score=Lead_Score__c}), over the defaults in {@link FieldMapping}; an
     * empty value stops that field from being written.
     */
    Map<String, String> leadFields();

    /** {@code zoho.contact-fields.<field>}: the same for Contacts. */
    Map<String, String> contactFields();

    /**
     * {@code zoho.custom-fields.<attribute>}: the Zoho field API name a custom attribute of the intake (a field that is
     * no prospect field, such as {@code plan}) is written to, in Leads and Contacts alike; the field policy applies.
     */
    Map<String, String> customFields();

    /**
     * {@code zoho.field-policy.<field>}: who wins when an intake and the Zoho record disagree on a prospect field:
     * {@code overwrite}, {@code fill_if_empty} (the default for every field) or {@code never}; see {@link FieldPolicy}.
     */
    Map<String, String> fieldPolicy();

    interface Retry {

        /** {@code zoho.retry.max-attempts}: attempts per call, the first included. */
        @WithDefault("5")
        int maxAttempts();

        /** {@code zoho.retry.initial-backoff}: the wait before the first retry; it doubles each time, with jitter. */
        @WithDefault("500ms")
        Duration initialBackoff();

        /** {@code zoho.retry.max-backoff}: the longest wait between two attempts. */
        @WithDefault("10s")
        Duration maxBackoff();

        /** {@code zoho.retry.max-total}: the longest a call may take with all its retries before it gives up. */
        @WithDefault("30s")
        Duration maxTotal();

        default org.leadscoring.jobs.Backoff backoff() {
            return new org.leadscoring.jobs.Backoff(initialBackoff(), maxBackoff());
        }
    }

    interface Timeouts {

        /** {@code zoho.timeouts.connect}. */
        @WithDefault("5s")
        Duration connect();

        /** {@code zoho.timeouts.read}. */
        @WithDefault("20s")
        Duration read();
    }
}
