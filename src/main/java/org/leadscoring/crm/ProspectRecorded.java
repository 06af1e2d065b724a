package org.leadscoring.crm;

import org.leadscoring.scoring.ScoringResult;

/**
 * The one domain event of the three steps: a person's decision was carried out in the CRM (or, for re-scoring, only
 * scored with nothing to write) and recorded — raised by the {@link Recorder} only after the write succeeded, inside
 * the transaction that records it, and observed synchronously (hook deliveries; metrics).
 *
 * @param report where the person now stands, as hooks and answers show it
 * @param result the scoring behind it (null for a conversion recorded later: its score was recorded when it was decided)
 * @param origin what carried it out: an intake or a re-scoring run
 * @param scoreChanged their score or grade moved from the one the service gave them last (a first score is not a change)
 * @param qualified they qualified now (the edge was crossed)
 * @param converted a Lead of theirs was converted now
 */
public record ProspectRecorded(ProspectReport report, ScoringResult result, HookPayload.Origin origin, boolean scoreChanged,
        boolean qualified, boolean converted) {

    public boolean rejected() {
        return result != null && result.decision().action() == org.leadscoring.scoring.DecisionAction.REJECT;
    }
}
