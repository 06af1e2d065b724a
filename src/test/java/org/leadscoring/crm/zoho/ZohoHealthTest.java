package org.leadscoring.crm.zoho;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;
import org.leadscoring.crm.CircuitState;
import org.leadscoring.crm.Crm;
import org.leadscoring.crm.CrmError;
import org.leadscoring.crm.CrmException;
import org.leadscoring.crm.CrmUsage;
import org.leadscoring.crm.CrmWriter;

/** Readiness asks Zoho whether it can sign in, at most once a minute, and is down only for credentials Zoho refuses. */
class ZohoHealthTest {

    final AtomicInteger checks = new AtomicInteger();
    final AtomicReference<CrmException> failing = new AtomicReference<>();
    Instant now = Instant.parse("2026-12-04T12:00:00Z");

    /** A CRM that answers the access check as told, and counts how often it is asked. */
    Crm crm() {
        return (Crm) Proxy.newProxyInstance(Crm.class.getClassLoader(), new Class<?>[] {Crm.class}, (proxy, method, args) -> switch (method.getName()) {
            case "dryRun" -> false;
            case "usage" -> CrmUsage.NONE;
            case "circuit" -> CircuitState.CLOSED;
            case "checkAccess" -> {
                checks.incrementAndGet();
                yield Optional.ofNullable(failing.get());
            }
            default -> throw new UnsupportedOperationException(method.getName());
        });
    }

    static CrmException failure(CrmException.Failure kind, String code) {
        return new CrmException(new CrmError(400, code, "Zoho said no", null, null, null), kind, null, null);
    }

    @Test
    void givenZohoAnswers_thenUpWithAccessOk_andAskedAgainOnlyAfterAMinute() {
        Crm crm = crm();
        ZohoHealth health = new ZohoHealth(crm, new CrmWriter(crm, null, null), () -> now);

        HealthCheckResponse first = health.call();
        health.call();
        assertThat(first.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(first.getData().orElseThrow()).containsEntry("access", "ok");
        assertThat(checks).hasValue(1);

        now = now.plus(ZohoHealth.CHECK_EVERY).plus(Duration.ofSeconds(1));
        health.call();
        assertThat(checks).hasValue(2);
    }

    @Test
    void givenCredentialsZohoRefuses_thenDown_butZohoDownOrThrottling_staysUp() {
        Crm crm = crm();
        ZohoHealth health = new ZohoHealth(crm, new CrmWriter(crm, null, null), () -> now);

        failing.set(failure(CrmException.Failure.SETUP, "OAUTH_INVALID_CODE"));
        HealthCheckResponse refused = health.call();
        assertThat(refused.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(refused.getData().orElseThrow()).containsEntry("access", "setup: OAUTH_INVALID_CODE");

        for (CrmException.Failure passing : new CrmException.Failure[] {CrmException.Failure.PASSING, CrmException.Failure.THROTTLED}) {
            failing.set(failure(passing, "ACCOUNTS_UNAVAILABLE"));
            now = now.plus(ZohoHealth.CHECK_EVERY);
            HealthCheckResponse down = health.call();
            assertThat(down.getStatus()).as(passing.name()).isEqualTo(HealthCheckResponse.Status.UP);
            assertThat(down.getData().orElseThrow().get("access")).asString().startsWith(passing.name().toLowerCase());
        }
    }
}
