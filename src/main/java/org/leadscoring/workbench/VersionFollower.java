package org.leadscoring.workbench;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.leadscoring.config.LeadScoringConfig;

import io.quarkus.scheduler.Scheduled;

/**
 * Every {@code leadscoring.reload.interval}, brings this instance in line with the versions in the shared database
 * ({@link Workbench#follow}): a version published through any instance is served by all within seconds.
 */
@ApplicationScoped
public class VersionFollower {

    private final Workbench workbench;
    private final LeadScoringConfig config;

    @Inject
    VersionFollower(Workbench workbench, LeadScoringConfig config) {
        this.workbench = workbench;
        this.config = config;
    }

    @Scheduled(identity = "rules-versions", skipExecutionIf = Scheduled.ApplicationNotRunning.class, executeWith = Scheduled.SIMPLE,
            every = "${leadscoring.reload.interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void follow() {
        if (config.reload().followVersions()) {
            workbench.follow(config.reload().importFiles());
        }
    }
}
