package org.leadscoring.store;

import org.leadscoring.crm.RecordKind;
import org.leadscoring.scoring.ExistingRecord;
import org.leadscoring.scoring.Prospect;

/**
 * A prospect as stored: their latest fields, the Zoho record they are known as, the qualification state that makes
 * qualification edge-triggered ({@code armed}: a crossing of the threshold counts as qualifying), and the prospect
 * fields the service last wrote to their record ({@code written}, for the field policy).
 */
public record StoredProspect(String email, Prospect prospect, String zohoModule, String zohoId, boolean qualified, boolean armed,
        String convertedLead, java.util.Map<String, String> written) {

    /** What the CRM holds for this prospect, as far as the service knows: a Contact, a Lead, or nothing yet. */
    public ExistingRecord existingRecord() {
        if (zohoModule == null) {
            return ExistingRecord.NONE;
        }
        return RecordKind.CONTACTS.label().equals(zohoModule) ? ExistingRecord.CONTACT : ExistingRecord.LEAD;
    }

    /** Whether this is already how the prospect stands for qualification: as {@code qualified}, and {@code armed} or not. */
    public boolean qualifiedAs(boolean qualified, boolean armed) {
        return this.qualified == qualified && this.armed == armed;
    }
}
