package org.leadscoring.scoring.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.leadscoring.scoring.ExistingRecord;
import org.leadscoring.scoring.Prospect;

/**
 * A sample prospect with the outcome the model must give it; every example is checked each time the model is
 * loaded, and a model whose examples fail is not taken.
 */
public record ModelExample(
        String name,
        Instant now,
        ExistingRecord existing,
        Prospect prospect,
        List<ExampleActivity> activities,
        Expectation expect) {

    public ModelExample {
        existing = existing == null ? ExistingRecord.NONE : existing;
        activities = activities == null ? List.of() : List.copyOf(activities);
    }

    /** An activity of an example, dated either absolutely ({@code at}) or relative to the example's now. */
    public record ExampleActivity(String type, Instant at, Integer daysAgo, Map<String, Object> properties) {
    }

    /** What the example must come out as; only the fields given are checked. */
    public record Expectation(
            String decision,
            String grade,
            Boolean qualified,
            Integer fit,
            Integer engagement,
            Integer total,
            List<String> fired,
            List<String> notFired) {
    }
}
