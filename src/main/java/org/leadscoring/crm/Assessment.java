package org.leadscoring.crm;

import java.util.Map;

import org.leadscoring.scoring.DecisionAction;
import org.leadscoring.scoring.Prospect;
import org.leadscoring.scoring.ScoreCard;
import org.leadscoring.scoring.ScoringResult;
import org.leadscoring.scoring.model.Qualification;

/**
 * One person scored by the {@link Assessor}: the prospect as the field policy makes them, the result, the qualification
 * edge, and what an existing record needs written (empty: it already holds all of it). Nothing has been written yet.
 */
public record Assessment(Subject subject, Prospect prospect, ScoringResult result, Qualification.Edge edge, Map<String, Object> changes) {

    public ScoreCard card() {
        return result.scoreCard();
    }

    public DecisionAction action() {
        return result.decision().action();
    }

    /**
     * This assessment with its qualification left for later: re-scoring writes a Lead to convert first and converts it
     * after its last page, and the person qualifies when the conversion is recorded, with the edge kept for it.
     */
    public Assessment qualifyingLater() {
        return new Assessment(subject, prospect, result, new Qualification.Edge(false, subject.armed()), changes);
    }

    /** Whether recording this person changes the qualification state the service keeps for them (edge-triggered). */
    public boolean standingChanges() {
        return subject.stored() != null && !subject.stored().qualifiedAs(card().qualified(), edge.armed());
    }
}
