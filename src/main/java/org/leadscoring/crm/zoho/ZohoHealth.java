package org.leadscoring.crm.zoho;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Zoho's circuit in {@code /q/health}: {@code closed}, {@code open} or {@code half_open}. Always up — with Zoho down
 * the service still takes intakes in and queues their Zoho work — so load balancers keep sending traffic.
 */
@Readiness
@ApplicationScoped
public class ZohoHealth implements HealthCheck {

    @Inject
    ZohoCrm zoho;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("zoho").up().withData("circuit", zoho.circuit().jsonName())
                .withData("dry_run", zoho.dryRun()).build();
    }
}
