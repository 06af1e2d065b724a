package org.leadscoring.crm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.leadscoring.crm.ProspectReport.Placement;
import org.leadscoring.scoring.DecisionAction;

/**
 * The second of the three steps ({@linkplain Assessor assess}, write, {@linkplain Recorder record}): makes the CRM
 * match a decision and answers what it did as a value. Records nothing and raises nothing — a write that fails leaves
 * no trace but the failure. Intakes write one person at a time ({@link #carryOut}); re-scoring writes the same
 * {@link Assessment#changes} a hundred records a call ({@link #writeChanges}) and converts afterwards ({@link #convert}).
 */
@ApplicationScoped
public class CrmWriter {

    private final Crm crm;
    private final FieldMapping mapping;
    private final ConversionFollowUp followUps;
    private final AtomicLong conflicts;

    @Inject
    public CrmWriter(Crm crm, FieldMapping mapping, ConversionFollowUp followUps) {
        this(crm, mapping, followUps, new AtomicLong());
    }

    private CrmWriter(Crm crm, FieldMapping mapping, ConversionFollowUp followUps, AtomicLong conflicts) {
        this.crm = crm;
        this.mapping = mapping;
        this.followUps = followUps;
        this.conflicts = conflicts;
    }

    /** This writer with its CRM calls charged to {@code budget} (see {@link Crm#chargedTo}). */
    public CrmWriter chargedTo(CreditBudget budget) {
        return new CrmWriter(crm.chargedTo(budget), mapping, followUps, conflicts);
    }

    /** The person's record in the CRM by exact email (a Contact first), read with every mapped field. */
    public Optional<CrmRecord> find(String email) {
        return crm.findByEmail(email, Map.of(RecordKind.LEADS, mapping.apiNames(RecordKind.LEADS),
                RecordKind.CONTACTS, mapping.apiNames(RecordKind.CONTACTS)));
    }

    /**
     * Makes the CRM match one person's decision: creates the Lead or Contact, writes what changed, converts a Lead.
     *
     * @throws CrmException when the CRM fails or refuses; nothing is to be recorded then
     */
    public Carried carryOut(Assessment a) {
        List<String> reasons = new ArrayList<>(a.result().decision().reasons());
        CrmRecord existing = a.subject().record();
        Placement placement = existing == null ? Placement.NONE : new Placement(existing.module().label(), existing.id(), null);
        boolean converted = false;
        Map<String, String> written = Map.of();
        boolean newRecord = false;
        String scheduled = null;
        switch (a.action()) {
            case REJECT -> placement = Placement.NONE;
            case CREATE_LEAD, CREATE_CONTACT -> {
                RecordKind target = a.action() == DecisionAction.CREATE_LEAD ? RecordKind.LEADS : RecordKind.CONTACTS;
                Map<String, Object> fields = new LinkedHashMap<>(mapping.recordFields(target, a.prospect(), reasons));
                fields.putAll(mapping.scoreFields(target, a.card()));
                RecordOutcome outcome = crm.create(target, fields);
                boolean duplicate = outcome.result() == RecordOutcome.Result.DUPLICATE;
                if (duplicate) {
                    // The CRM names a record holding one of this record's unique values. It is this person's only if a
                    // lookup by their address finds that very record (created meanwhile, or by a replay that died before
                    // recording it); otherwise it is someone else's, and nothing is written into it.
                    String other = outcome.error().duplicateId();
                    CrmRecord found = find(a.subject().email()).orElse(null);
                    if (found == null || !found.id().equals(other) || found.module() != target) {
                        conflicts.incrementAndGet();
                        throw conflict(outcome.error());
                    }
                    outcome = update(target, other, mapping.scoreFields(target, a.card()));
                    reasons.add("The record already existed in Zoho (" + outcome.id() + "): its scores were updated");
                }
                requireSuccess(outcome);
                placement = new Placement(target.label(), outcome.id(), null);
                if (!duplicate) {
                    written = mapping.written(target, fields);
                    newRecord = true;
                }
            }
            case UPDATE_LEAD, UPDATE_CONTACT -> {
                if (!a.changes().isEmpty()) {
                    requireSuccess(update(existing.module(), existing.id(), a.changes()));
                    written = mapping.written(existing.module(), a.changes());
                }
            }
            case CONVERT_LEAD -> {
                if (!a.changes().isEmpty()) {
                    requireSuccess(update(RecordKind.LEADS, existing.id(), a.changes()));
                    written = mapping.written(RecordKind.LEADS, a.changes());
                }
                Conversion conversion = convert(existing.id());
                if (conversion.scheduledJobId() != null) {
                    // Still a Lead until the CRM's job has run; ConversionFollowUp records the conversion then.
                    scheduled = conversion.scheduledJobId();
                    reasons.add(scheduled.equals(ConversionFollowUp.UNKNOWN_JOB)
                            ? "Zoho's answer to the conversion was lost; it is recorded once Zoho shows the Contact, and not requested again meanwhile"
                            : "Zoho scheduled the conversion as job " + scheduled + "; it is recorded once Zoho has done it");
                } else {
                    converted = !conversion.alreadyConverted();
                    placement = new Placement(RecordKind.CONTACTS.label(),
                            conversion.contactId() != null ? conversion.contactId() : existing.id(), existing.id());
                    if (conversion.alreadyConverted()) {
                        reasons.add("The Lead had already been converted in Zoho");
                    }
                }
            }
        }
        return new Carried(placement, converted, reasons, written, newRecord, scheduled);
    }

    /**
     * Writes the changes of re-scored records, a hundred a call, without running the organisation's workflows (a
     * nightly run must not set off a workflow per lead); answers one outcome per assessment, in order. Records nothing:
     * the caller has the {@link Recorder} record those that succeeded.
     */
    public List<RecordOutcome> writeChanges(RecordKind module, List<Assessment> assessments) {
        List<Map<String, Object>> records = new ArrayList<>();
        for (Assessment a : assessments) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("id", a.subject().record().id());
            fields.putAll(a.changes());
            records.add(fields);
        }
        return crm.update(module, records, false);
    }

    /** The prospect fields a successful {@link #writeChanges} wrote to a record of {@code module}, as compared later. */
    public Map<String, String> written(RecordKind module, Assessment a) {
        return mapping.written(module, a.changes());
    }

    /**
     * Converts a Lead to a Contact with the default options — unless the CRM is converting it already as a job it
     * scheduled (202): then that job is answered, and it is not asked again (a second request would convert twice and
     * cost five credits more). A conversion whose answer was lost may have been done or scheduled: it is answered as a
     * job of {@link ConversionFollowUp#UNKNOWN_JOB}, followed up by lookup like any other, and not requested again
     * meanwhile.
     */
    public Conversion convert(String leadId) {
        Optional<String> pending = followUps.pendingJob(leadId);
        if (pending.isPresent()) {
            return new Conversion(leadId, null, null, null, false, pending.get());
        }
        try {
            return crm.convert(leadId, ConvertOptions.DEFAULT);
        } catch (CrmException e) {
            if (e.failure() != CrmException.Failure.UNKNOWN_OUTCOME) {
                throw e;
            }
            return new Conversion(leadId, null, null, null, false, ConversionFollowUp.UNKNOWN_JOB);
        }
    }

    /** How many creates met another person's record on a unique field (and wrote nothing) since start. */
    public long conflicts() {
        return conflicts.get();
    }

    /**
     * The failure of a create that met another person's record on a unique field: {@link CrmException.Failure#CONFLICT},
     * naming the field and the other record.
     */
    private static CrmException conflict(CrmError duplicate) {
        String field = duplicate.field() == null ? "a unique field" : duplicate.field();
        return new CrmException(new CrmError(duplicate.httpStatus(), "CONFLICT", "another person's record ("
                + duplicate.duplicateId() + ") holds the same " + field + "; nothing was written", duplicate.field(), duplicate.duplicateId(),
                null), CrmException.Failure.CONFLICT);
    }

    /** Writes fields of one record as an intake does, letting the organisation's workflows run. */
    private RecordOutcome update(RecordKind module, String id, Map<String, Object> changes) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", id);
        fields.putAll(changes);
        RecordOutcome outcome = crm.update(module, List.of(fields), true).get(0);
        return outcome.success() && outcome.id() == null ? RecordOutcome.ok(id, "update") : outcome;
    }

    private static void requireSuccess(RecordOutcome outcome) {
        if (!outcome.success()) {
            throw outcome.failure();
        }
    }
}
