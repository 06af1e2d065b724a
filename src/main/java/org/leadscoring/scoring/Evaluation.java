package org.leadscoring.scoring;

import java.util.List;

/**
 * A score card with the routing rules that fired: what the engine knows about a prospect before it looks at
 * the CRM.
 *
 * @param contactRoutes reasons of the rules that route the prospect to the Contacts
 * @param rejectRoutes  reasons of the rules that reject the prospect
 */
public record Evaluation(ScoreCard scoreCard, List<String> contactRoutes, List<String> rejectRoutes, List<String> firedRules) {

    public Evaluation {
        contactRoutes = List.copyOf(contactRoutes);
        rejectRoutes = List.copyOf(rejectRoutes);
        firedRules = List.copyOf(firedRules);
    }
}
