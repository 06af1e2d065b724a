package org.leadscoring.crm.zoho;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.leadscoring.crm.Crm;
import org.leadscoring.crm.CrmException;
import org.leadscoring.crm.CrmUsage;
import org.leadscoring.crm.CrmWriter;

/**
 * Zoho in {@code /q/health} (readiness): whether the service can sign in to Zoho ({@code access}: {@code ok},
 * {@code dry_run}, or the failure; checked at most once a minute, the cached token reused while valid), the circuit
 * ({@code closed}, {@code open}, {@code half_open}), and what Zoho did that the service worked around since start:
 * throttles (429), answers lost after a write, records a lookup answered that were not the person, creates that met
 * another person's record ({@code conflicts}).
 * <p>
 * Down only when Zoho refuses the credentials (a setup an operator must fix: a rolling deploy with a wrong secret stops
 * at its first instance, which never gets ready, while the others keep serving). With Zoho down, slow or throttling it
 * stays up: the service still takes intakes in and queues their Zoho work, so load balancers keep sending traffic.
 * Liveness does not ask Zoho at all.
 */
@Readiness
@ApplicationScoped
public class ZohoHealth implements HealthCheck {

    /** How long an access check is believed. */
    static final Duration CHECK_EVERY = Duration.ofMinutes(1);

    private final Crm zoho;
    private final CrmWriter writer;
    private final Supplier<Instant> clock;
    private volatile Checked last;

    /** An access check and when it was made. */
    private record Checked(Optional<CrmException> failure, Instant at) {
    }

    @Inject
    ZohoHealth(Crm zoho, CrmWriter writer) {
        this(zoho, writer, Instant::now);
    }

    ZohoHealth(Crm zoho, CrmWriter writer, Supplier<Instant> clock) {
        this.zoho = zoho;
        this.writer = writer;
        this.clock = clock;
    }

    @Override
    public HealthCheckResponse call() {
        CrmUsage usage = zoho.usage();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("zoho").withData("circuit", zoho.circuit().jsonName())
                .withData("dry_run", zoho.dryRun()).withData("throttles", usage.throttles()).withData("lost_answers", usage.lostAnswers())
                .withData("loose_matches", usage.looseMatches()).withData("conflicts", writer.conflicts());
        if (zoho.dryRun()) {
            return response.withData("access", "dry_run").up().build();
        }
        Checked checked = access();
        Optional<CrmException> failure = checked.failure();
        response.withData("access", failure.map(e -> e.failure().name().toLowerCase(java.util.Locale.ROOT) + ": " + e.error().code()).orElse("ok"))
                .withData("access_checked_at", checked.at().toString());
        return response.status(failure.isEmpty() || failure.get().failure() != CrmException.Failure.SETUP).build();
    }

    private Checked access() {
        Checked known = last;
        Instant now = clock.get();
        if (known == null || !now.isBefore(known.at().plus(CHECK_EVERY))) {
            known = new Checked(zoho.checkAccess(), now);
            last = known;
        }
        return known;
    }
}
