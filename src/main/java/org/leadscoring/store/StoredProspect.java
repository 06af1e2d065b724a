package org.leadscoring.store;

import org.leadscoring.crm.zoho.ZohoModule;
import org.leadscoring.scoring.ExistingRecord;
import org.leadscoring.scoring.Prospect;

/**
 * A prospect as stored: their latest fields, the Zoho record they are known as, and the qualification state
 * that makes qualification edge-triggered ({@code armed}: a crossing of the threshold counts as qualifying).
 */
public record StoredProspect(String email, Prospect prospect, String zohoModule, String zohoId, boolean qualified, boolean armed,
        String convertedLead) {

    /** What the CRM holds for this prospect, as far as the service knows: a Contact, a Lead, or nothing yet. */
    public ExistingRecord existingRecord() {
        if (zohoModule == null) {
            return ExistingRecord.NONE;
        }
        return ZohoModule.CONTACTS.apiName().equals(zohoModule) ? ExistingRecord.CONTACT : ExistingRecord.LEAD;
    }
}
