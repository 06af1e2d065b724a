package org.leadscoring.scoring;

import java.util.List;

/** How the CRM should treat a prospect, and why, in sentences a marketer can read. */
public record Decision(DecisionAction action, List<String> reasons) {

    public Decision {
        reasons = List.copyOf(reasons);
    }
}
