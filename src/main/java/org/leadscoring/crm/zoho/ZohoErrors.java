package org.leadscoring.crm.zoho;

import java.util.Set;

import org.leadscoring.crm.CrmError;
import org.leadscoring.crm.CrmException;
import org.leadscoring.crm.RecordOutcome;

/** What Zoho's error codes mean for the work that met them: the adapter's reading, so that no one above it reads a code. */
final class ZohoErrors {

    /** Codes with which Zoho says the record's data is wrong. */
    private static final Set<String> DATA_CODES = Set.of("INVALID_DATA", "MANDATORY_NOT_FOUND", "DUPLICATE_DATA", "DEPENDENT_FIELD_MISSING",
            "DEPENDENT_MISMATCH", "MULTIPLE_OR_MULTI_ERRORS", "MAPPING_MISMATCH", "NOT_APPROVED", "DUPLICATE_LINKING_DATA");

    private ZohoErrors() {
    }

    /** Retryable: {@link CrmException.Failure#PASSING}; otherwise a refusal of the record or of the service, by Zoho's code. */
    static CrmException exception(CrmError error, boolean retryable) {
        return new CrmException(error, retryable ? CrmException.Failure.PASSING : refusal(error));
    }

    static CrmException exception(CrmError error, boolean retryable, Throwable cause) {
        return new CrmException(error, retryable ? CrmException.Failure.PASSING : refusal(error), null, cause);
    }

    /**
     * A record of a write that Zoho did not take: {@code DUPLICATE_DATA} naming the record that holds the value, an
     * {@code INVALID_DATA} on the {@code id} (the record is gone), or a refusal of the record or of the service.
     */
    static RecordOutcome outcome(CrmError error) {
        if (error.is("DUPLICATE_DATA") && error.duplicateId() != null) {
            return RecordOutcome.failed(RecordOutcome.Result.DUPLICATE, error);
        }
        if (error.is("INVALID_DATA") && "id".equals(error.field())) {
            return RecordOutcome.failed(RecordOutcome.Result.GONE, error);
        }
        return RecordOutcome.failed(refusal(error) == CrmException.Failure.DATA ? RecordOutcome.Result.REFUSED : RecordOutcome.Result.SETUP, error);
    }

    /** A refusal of the record ({@link CrmException.Failure#DATA}) or of the service ({@link CrmException.Failure#SETUP}). */
    static CrmException.Failure refusal(CrmError error) {
        return DATA_CODES.contains(error.code()) ? CrmException.Failure.DATA : CrmException.Failure.SETUP;
    }
}
