package org.leadscoring.scoring;

import java.util.ArrayList;
import java.util.List;

import org.leadscoring.scoring.model.Qualification;

/** Turns an evaluation and what the CRM already holds into a decision; the Lead vs Contact logic lives here. */
public final class Decisions {

    private Decisions() {
    }

    public static Decision decide(Evaluation evaluation, Qualification qualification, ExistingRecord existing) {
        if (!evaluation.rejectRoutes().isEmpty()) {
            return new Decision(DecisionAction.REJECT, evaluation.rejectRoutes().stream().map(r -> "Rejected: " + r).toList());
        }
        ScoreCard card = evaluation.scoreCard();
        if (existing == ExistingRecord.CONTACT) {
            return new Decision(DecisionAction.UPDATE_CONTACT, List.of("Already a Contact in the CRM: only its scores are updated"));
        }
        List<String> contactReasons = new ArrayList<>();
        evaluation.contactRoutes().forEach(r -> contactReasons.add("Contact: " + r));
        if (card.qualified()) {
            contactReasons.add("Qualified: " + standing(card, qualification));
        }
        if (!contactReasons.isEmpty()) {
            if (existing == ExistingRecord.LEAD) {
                contactReasons.add(0, "Existing Lead becomes a Contact");
                return new Decision(DecisionAction.CONVERT_LEAD, contactReasons);
            }
            return new Decision(DecisionAction.CREATE_CONTACT, contactReasons);
        }
        String notYet = "Not qualified yet: " + standing(card, qualification);
        if (existing == ExistingRecord.LEAD) {
            return new Decision(DecisionAction.UPDATE_LEAD, List.of("Existing Lead stays a Lead", notYet));
        }
        return new Decision(DecisionAction.CREATE_LEAD, List.of("New prospect starts as a Lead", notYet));
    }

    private static String standing(ScoreCard card, Qualification q) {
        List<String> parts = new ArrayList<>();
        if (q.minFit() != null) {
            parts.add("fit " + show(card.fit()) + " (needs " + q.minFit() + ")");
        }
        if (q.minEngagement() != null) {
            parts.add("engagement " + show(card.engagement()) + " (needs " + q.minEngagement() + ")");
        }
        if (q.minTotal() != null) {
            parts.add("total " + show(card.total()) + " (needs " + q.minTotal() + ")");
        }
        return String.join(", ", parts);
    }

    private static String show(Integer score) {
        return score == null ? "unscored" : score.toString();
    }
}
