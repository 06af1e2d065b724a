package org.leadscoring.crm;

import java.time.Instant;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.leadscoring.scoring.DecisionAction;
import org.leadscoring.scoring.Prospect;
import org.leadscoring.scoring.ScoreCard;
import org.leadscoring.scoring.ScoringEngine;
import org.leadscoring.scoring.ScoringResult;
import org.leadscoring.scoring.model.Qualification;

/**
 * The first of the three steps every path takes (assess, {@linkplain CrmWriter write}, {@linkplain Recorder record}):
 * rebuilds one person from what the service stored and what the CRM holds (the field policy), scores them, and says
 * what their record needs written. Writes nothing, records nothing, raises nothing.
 */
@ApplicationScoped
public class Assessor {

    private final FieldMapping mapping;
    private final ScoringEngine engine;

    public Assessor(FieldMapping mapping, ScoringEngine engine) {
        this.mapping = mapping;
        this.engine = engine;
    }

    /** Rebuilds and scores one person at {@code now} under {@code model} (null: the default model). */
    public Assessment assess(Subject s, String model, Instant now) {
        Prospect prospect = mapping.standing(s.known(), s.record(), s.written());
        ScoringResult result = engine.score(prospect, s.activities(), model, s.existing(), now);
        ScoreCard card = result.scoreCard();
        // A rejected person is not a new qualification, whatever their score.
        Qualification.Edge edge = result.decision().action() == DecisionAction.REJECT ? new Qualification.Edge(false, s.armed())
                : engine.qualification(result.model()).edge(s.armed(), card.fit(), card.engagement(), card.total());
        Map<String, Object> changes = s.record() == null ? Map.of() : mapping.changes(s.record(), s.known(), s.written(), card);
        return new Assessment(s, prospect, result, edge, changes);
    }

    /** Scores a person with the challengers in shadow of the model that decided, as assessed (none when it has none). */
    @jakarta.enterprise.inject.Produces
    @jakarta.inject.Singleton
    ShadowScoring shadowScoring() {
        return a -> engine.shadow(a.result(), a.prospect(), a.subject().activities(), a.subject().existing());
    }
}
