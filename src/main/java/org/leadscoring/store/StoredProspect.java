package org.leadscoring.store;

/**
 * A prospect as stored: their latest fields (JSON), the Zoho record they are known as, and the qualification state
 * that makes qualification edge-triggered ({@code armed}: a crossing of the threshold counts as qualifying).
 */
public record StoredProspect(String email, String dataJson, String zohoModule, String zohoId, boolean qualified, boolean armed,
        String convertedLead) {
}
