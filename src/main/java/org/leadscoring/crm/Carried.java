package org.leadscoring.crm;

import java.util.List;
import java.util.Map;

import org.leadscoring.crm.ProspectReport.Placement;

/**
 * What the {@link CrmWriter} did to carry a decision out: where the person now is, whether a Lead was converted now,
 * the reasons with notes added, the prospect fields written ({@code newRecord}: to a record created now), and the job
 * of a conversion the CRM scheduled instead of doing at once (null: none).
 */
public record Carried(Placement placement, boolean converted, List<String> reasons, Map<String, String> written, boolean newRecord,
        String scheduledConversion) {

    /** Only what re-scoring wrote to a Lead's record ({@code written}, possibly nothing): no create, no conversion. */
    public static Carried updated(Placement placement, List<String> reasons, Map<String, String> written) {
        return new Carried(placement, false, reasons, written, false, null);
    }
}
