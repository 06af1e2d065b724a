package org.leadscoring.crm;

import org.leadscoring.scoring.model.Qualification;

/**
 * A conversion decided but not yet recorded: the report and qualification edge of the scoring that decided it, and
 * where the decision came from, so that once Zoho has converted the Lead (at once, later in a re-scoring run, or as
 * a job Zoho scheduled) the same payload is raised as for any conversion.
 */
public record PendingConversion(ProspectReport report, Qualification.Edge edge, HookPayload.Origin origin) {

    /** The report once the Lead is a Contact: that Contact's id, and the Lead it came from. */
    public ProspectReport convertedTo(String contactId, String leadId) {
        return report.placedAt(new ProspectReport.Placement("Contacts", contactId, leadId));
    }
}
