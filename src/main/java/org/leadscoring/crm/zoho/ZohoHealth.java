package org.leadscoring.crm.zoho;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.leadscoring.crm.Crm;
import org.leadscoring.crm.CrmUsage;
import org.leadscoring.crm.CrmWriter;

/**
 * Zoho in {@code /q/health}, with the conflicts the {@link CrmWriter} met:
 * the circuit, {@code closed}, {@code open} or {@code half_open}, and what Zoho did that the service worked around since
 * start: throttles (429), answers lost after a write, records a lookup answered that were
 * not the person, creates that met another person's record ({@code conflicts}). Always up — with Zoho down the service
 * still takes intakes in and queues their Zoho work — so load balancers keep sending traffic.
 */
@Readiness
@ApplicationScoped
public class ZohoHealth implements HealthCheck {

    private final Crm zoho;
    private final CrmWriter writer;

    @Inject
    ZohoHealth(Crm zoho, CrmWriter writer) {
        this.zoho = zoho;
        this.writer = writer;
    }

    @Override
    public HealthCheckResponse call() {
        CrmUsage usage = zoho.usage();
        return HealthCheckResponse.named("zoho").up().withData("circuit", zoho.circuit().jsonName())
                .withData("dry_run", zoho.dryRun()).withData("throttles", usage.throttles()).withData("lost_answers", usage.lostAnswers())
                .withData("loose_matches", usage.looseMatches()).withData("conflicts", writer.conflicts()).build();
    }
}
