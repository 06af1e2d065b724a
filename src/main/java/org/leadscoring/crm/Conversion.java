package org.leadscoring.crm;

/**
 * The outcome of converting a Lead: the ids of the Contact, Account and Deal it became (Account and Deal may be
 * absent), or that the Lead had already been converted, or that Zoho scheduled the conversion as a job
 * ({@code scheduledJobId}; the ids are then not known yet).
 */
public record Conversion(String leadId, String contactId, String accountId, String dealId, boolean alreadyConverted, String scheduledJobId) {

    public Conversion(String leadId, String contactId, String accountId, String dealId, boolean alreadyConverted) {
        this(leadId, contactId, accountId, dealId, alreadyConverted, null);
    }
}
