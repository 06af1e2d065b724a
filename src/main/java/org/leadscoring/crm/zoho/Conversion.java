package org.leadscoring.crm.zoho;

/**
 * The outcome of converting a Lead: the ids of the Contact, Account and Deal it became (Account and Deal may be
 * absent), or that the Lead had already been converted.
 */
public record Conversion(String leadId, String contactId, String accountId, String dealId, boolean alreadyConverted) {
}
