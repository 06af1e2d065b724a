package org.leadscoring.crm;

import java.util.List;
import java.util.Map;

import org.leadscoring.scoring.Activity;
import org.leadscoring.scoring.ExistingRecord;
import org.leadscoring.scoring.Prospect;
import org.leadscoring.store.StoredProspect;

/**
 * What is known of one person before the CRM is written: the service's record of them, their stored activities and
 * the CRM's record (either record may be null).
 */
public record Subject(String email, StoredProspect stored, List<Activity> activities, CrmRecord record) {

    Prospect known() {
        return stored == null ? null : stored.prospect();
    }

    boolean armed() {
        return stored == null || stored.armed();
    }

    /** What the CRM holds for the person, as the rules see it. */
    ExistingRecord existing() {
        return record == null ? ExistingRecord.NONE : record.module() == RecordKind.CONTACTS ? ExistingRecord.CONTACT : ExistingRecord.LEAD;
    }

    Map<String, String> written() {
        return stored == null ? Map.of() : stored.written();
    }
}
