package org.leadscoring.scoring.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.leadscoring.scoring.ScoringEngine;

/** Ready once a rule set has loaded: before that every scoring request would fail. */
@Readiness
@ApplicationScoped
public class RuleSetReadiness implements HealthCheck {

    private final ScoringEngine engine;

    @Inject
    RuleSetReadiness(ScoringEngine engine) {
        this.engine = engine;
    }

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("rule-set");
        // A rule set that was to be served and did not build (a version published elsewhere, files on disk): said here.
        engine.lastReport().filter(r -> r.outcome() == org.leadscoring.scoring.ruleset.ReloadReport.Outcome.REJECTED)
                .ifPresent(r -> builder.withData("refused", r.version()).withData("refused_problems", r.problems().size()));
        return engine.current()
                .map(set -> builder.up().withData("version", set.version()).withData("models", String.join(",", set.models().keySet())))
                .orElseGet(() -> builder.down().withData("reason", "no rule set loaded; see /api/rules/status"))
                .build();
    }
}
