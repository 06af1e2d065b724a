package org.leadscoring.crm;

import java.util.List;

import org.leadscoring.scoring.ScoreCard;
import org.leadscoring.scoring.ScoringResult;

/**
 * What the service reports of one person once it has acted, on whichever path: the decision and its reasons, the
 * scores, and the Zoho record the person now is ({@code lead_id}: the Lead they were converted from). The intake's
 * answer and every hook event carry it, so a Zap maps the same fields wherever the event came from.
 */
public record ProspectReport(String email, String decision, Integer score, Integer fitScore, Integer engagementScore, String grade,
        boolean qualified, String zohoModule, String zohoId, String leadId, String reasons, String explanation, String model,
        String rulesetVersion) {

    /** Where the person is in Zoho: module and id (null: not in Zoho), and the Lead converted into them (null: none). */
    public record Placement(String module, String id, String leadId) {

        public static final Placement NONE = new Placement(null, null, null);
    }

    /** The same report with the person at another place in Zoho (a conversion done later). */
    public ProspectReport placedAt(Placement p) {
        return new ProspectReport(email, decision, score, fitScore, engagementScore, grade, qualified, p.module(), p.id(), p.leadId(), reasons,
                explanation, model, rulesetVersion);
    }

    public static ProspectReport of(String email, ScoringResult result, List<String> reasons, Placement placement) {
        ScoreCard card = result.scoreCard();
        return new ProspectReport(email, result.decision().action().jsonName(), card.total(), card.fit(), card.engagement(), card.grade(),
                card.qualified(), placement.module(), placement.id(), placement.leadId(), String.join("; ", reasons),
                FieldMapping.explanation(card), result.model(), result.rulesetVersion());
    }
}
