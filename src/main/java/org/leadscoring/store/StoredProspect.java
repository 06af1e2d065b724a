package org.leadscoring.store;

import org.leadscoring.scoring.Prospect;

/**
 * A prospect as stored: their latest fields, the Zoho record they are known as, and the qualification state
 * that makes qualification edge-triggered ({@code armed}: a crossing of the threshold counts as qualifying).
 */
public record StoredProspect(String email, Prospect prospect, String zohoModule, String zohoId, boolean qualified, boolean armed,
        String convertedLead) {
}
