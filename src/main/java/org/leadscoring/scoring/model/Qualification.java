package org.leadscoring.scoring.model;

/**
 * When a prospect counts as qualified: each given minimum must be reached (an unscored axis reaches none).
 * {@code hysteresis} is how far below the line a qualified lead must fall before it can qualify again.
 */
public record Qualification(Integer minFit, Integer minEngagement, Integer minTotal, int hysteresis) {

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
