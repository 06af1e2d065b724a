package org.leadscoring.crm;

/**
 * What happened to one record of a write, as the adapter read the CRM's answer: done (with its id), or why not — another
 * record holds one of its unique values ({@link Result#DUPLICATE}, {@link CrmError#duplicateId()} names it), the record
 * is not there ({@link Result#GONE}: deleted since it was read), or the CRM refused the data ({@link Result#REFUSED}) or
 * the service ({@link Result#SETUP}). Batches answer one outcome per record, in the order sent.
 *
 * @param action {@code insert} or {@code update} for upserts, else null
 */
public record RecordOutcome(Result result, String id, String action, CrmError error) {

    public enum Result {
        DONE, DUPLICATE, GONE, REFUSED, SETUP
    }

    public static RecordOutcome ok(String id, String action) {
        return new RecordOutcome(Result.DONE, id, action, null);
    }

    public static RecordOutcome failed(Result result, CrmError error) {
        if (result == Result.DONE) {
            throw new IllegalArgumentException("a failed outcome needs a reason");
        }
        return new RecordOutcome(result, null, null, error);
    }

    public boolean success() {
        return result == Result.DONE;
    }

    /** This outcome as the failure of a write of one record (not for a success). */
    public CrmException failure() {
        return new CrmException(error, result == Result.SETUP ? CrmException.Failure.SETUP : CrmException.Failure.DATA);
    }
}
