package org.leadscoring.crm;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What the CRM says of what became of the people the service sent it, as the outcome sync reads it: the adapter reads
 * these from its own fields, so that nothing above it names one.
 */
public sealed interface OutcomeFact {

    /** The record's id in the CRM. */
    String id();

    /** A Lead: its status as sales set it, and its conversion (the Contact it became, when, by whom) if it was converted. */
    record LeadFact(String id, String email, String status, boolean converted, String contactId, Instant convertedAt, String convertedBy)
            implements OutcomeFact {
    }

    /** A Contact: when it was created and by whom (a Contact of a known Lead is that Lead's conversion). */
    record ContactFact(String id, String email, Instant createdAt, String createdBy) implements OutcomeFact {
    }

    /**
     * A Deal of a Contact: its stage, what the stage means ({@code won}, {@code lost} or {@code open}, as the
     * organisation set the stage up: stages are renamed and added, so never by the stage's name; null when the CRM does
     * not say), amount and closing date.
     */
    record DealFact(String id, String contactId, String stage, String result, BigDecimal amount, LocalDate closingDate) implements OutcomeFact {
    }

    /** One page of facts about one kind of record, and where the next starts (null: none). */
    record Page(List<OutcomeFact> facts, RecordPage.Cursor next) {
    }
}
