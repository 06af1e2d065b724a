package org.leadscoring.crm.zoho;

/**
 * What happened to one record of a write: its id when it succeeded, its error when not. Batches answer one
 * outcome per record, in the order sent.
 *
 * @param action {@code insert} or {@code update} for upserts, else null
 */
public record RecordOutcome(boolean success, String id, String action, ZohoError error) {

    public static RecordOutcome ok(String id, String action) {
        return new RecordOutcome(true, id, action, null);
    }

    public static RecordOutcome failed(ZohoError error) {
        return new RecordOutcome(false, null, null, error);
    }
}
