package org.leadscoring.rescoring;

import org.leadscoring.store.Database;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a run of a chain did with one Lead; a Lead has one outcome per chain, so none is written twice.
 * {@code conversionJson} is what to record once a Lead to convert is converted (a
 * {@link org.leadscoring.crm.PendingConversion}), else null.
 */
public record LeadOutcome(String leadId, String email, Kind outcome, Integer oldScore, Integer newScore, String error,
        @JsonIgnore String conversionJson) {

    /** What happened to the Lead. */
    public enum Kind {
        CHANGED, UNCHANGED, FAILED, TO_CONVERT, CONVERTED,
        /** In a dry run: what a real run would have done. */
        WOULD_CHANGE, WOULD_CONVERT;

        @JsonValue
        public String code() {
            return Database.code(this);
        }
    }

    LeadOutcome(String leadId, String email, Kind outcome, Integer oldScore, Integer newScore, String error) {
        this(leadId, email, outcome, oldScore, newScore, error, null);
    }

    /** The same Lead, failed with {@code error}. */
    LeadOutcome failed(String error) {
        return new LeadOutcome(leadId, email, Kind.FAILED, oldScore, newScore, error, conversionJson);
    }
}
