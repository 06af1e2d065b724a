package org.leadscoring.scoring.model;

/**
 * When a prospect counts as qualified: each given minimum must be reached (an unscored axis reaches none).
 * {@code hysteresis} is how far below the line a qualified lead must fall before it can qualify again.
 */
public record Qualification(Integer minFit, Integer minEngagement, Integer minTotal, int hysteresis) {

    /**
     * A prospect's qualification after a score: whether the score is a new qualification (what raises
     * {@code lead.qualified}) and whether the prospect is armed for the next one.
     */
    public record Edge(boolean crossed, boolean armed) {
    }

    /**
     * Qualification is edge-triggered, on every path that scores: a score that meets the thresholds while the
     * prospect is armed is a new qualification and disarms them; they are armed again only once a score falls
     * {@code hysteresis} points below a threshold, so a score hovering at the line qualifies once. A prospect the
     * service has never seen is armed.
     */
    public Edge edge(boolean armed, Integer fit, Integer engagement, Integer total) {
        if (isMetBy(fit, engagement, total)) {
            return new Edge(armed, false);
        }
        boolean wellBelow = !isMetBy(plus(fit, hysteresis), plus(engagement, hysteresis), plus(total, hysteresis));
        return new Edge(false, armed || wellBelow);
    }

    private static Integer plus(Integer score, int points) {
        return score == null ? null : score + points;
    }

    public boolean isMetBy(Integer fit, Integer engagement, Integer total) {
        return reaches(fit, minFit) && reaches(engagement, minEngagement) && reaches(total, minTotal);
    }

    private static boolean reaches(Integer score, Integer min) {
        return min == null || (score != null && score >= min);
    }

    /** The thresholds in words, for decision reasons. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        if (minFit != null) {
            sb.append("fit ≥ ").append(minFit);
        }
        if (minEngagement != null) {
            sb.append(sb.isEmpty() ? "" : " and ").append("engagement ≥ ").append(minEngagement);
        }
        if (minTotal != null) {
            sb.append(sb.isEmpty() ? "" : " and ").append("total ≥ ").append(minTotal);
        }
        return sb.toString();
    }
}
