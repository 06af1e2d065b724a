package org.leadscoring.crm;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.leadscoring.crm.ProspectReport.Placement;
import org.leadscoring.crm.zoho.Conversion;
import org.leadscoring.crm.zoho.ConvertOptions;
import org.leadscoring.crm.zoho.FieldMapping;
import org.leadscoring.crm.zoho.RecordOutcome;
import org.leadscoring.crm.zoho.ZohoCrm;
import org.leadscoring.crm.zoho.ZohoException;
import org.leadscoring.crm.zoho.ZohoModule;
import org.leadscoring.crm.zoho.ZohoRecord;
import org.leadscoring.history.ScoreHistory;
import org.leadscoring.intake.hooks.HookService;
import org.leadscoring.scoring.Activity;
import org.leadscoring.scoring.DecisionAction;
import org.leadscoring.scoring.ExistingRecord;
import org.leadscoring.scoring.Prospect;
import org.leadscoring.scoring.ScoreCard;
import org.leadscoring.scoring.ScoringEngine;
import org.leadscoring.scoring.ScoringResult;
import org.leadscoring.scoring.model.Qualification;
import org.leadscoring.store.ProspectRepository;
import org.leadscoring.store.StoredProspect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one path from a decision to the CRM, taken by the intake, the outbox and re-scoring alike: rebuild the person
 * from what the service stored and what Zoho holds ({@link org.leadscoring.crm.zoho.FieldPolicy}), score them, write
 * Zoho, convert, record where they stand and the score given ({@link ScoreHistory}), and raise the hook events ({@link Qualification#edge} decides
 * {@code lead.qualified}). Intakes write one person at a time ({@link #carryOut}); re-scoring writes the same
 * {@link Assessment#changes} a hundred records a call and converts afterwards.
 */
@ApplicationScoped
public class CrmSync {

    @Inject
    ZohoCrm zoho;

    @Inject
    FieldMapping mapping;

    @Inject
    ScoringEngine engine;

    @Inject
    ProspectRepository prospects;

    @Inject
    HookService hooks;

    @Inject
    ObjectMapper json;

    @Inject
    ConversionFollowUp followUps;

    @Inject
    ScoreHistory history;

    private final java.util.concurrent.atomic.AtomicLong conflicts = new java.util.concurrent.atomic.AtomicLong();

    /** What is known of one person before Zoho is written: the service's record of them and Zoho's (either may be null). */
    public record Subject(String email, StoredProspect stored, List<Activity> activities, ZohoRecord record) {

        Prospect known() {
            return stored == null ? null : stored.prospect();
        }

        boolean armed() {
            return stored == null || stored.armed();
        }

        Map<String, String> written() {
            return stored == null ? Map.of() : stored.written();
        }
    }

    /**
     * One person scored: the prospect as the field policy makes them, the result, the qualification edge, and what an
     * existing record needs written (empty: it already holds all of it).
     */
    public record Assessment(Subject subject, Prospect prospect, ScoringResult result, Qualification.Edge edge, Map<String, Object> changes) {

        public ScoreCard card() {
            return result.scoreCard();
        }

        public DecisionAction action() {
            return result.decision().action();
        }
    }

    /**
     * What carrying out a decision did in Zoho: where the person now is, whether a Lead was converted now, the reasons
     * with notes added, the prospect fields written ({@code newRecord}: to a record created now), and the job of a
     * conversion Zoho scheduled instead of doing at once (null: none).
     */
    public record Carried(Placement placement, boolean converted, List<String> reasons, Map<String, String> written, boolean newRecord,
            String scheduledConversion) {

        /** Nothing written: re-scoring records the standing of a Lead it only scored. */
        public static Carried scored(Placement placement, List<String> reasons) {
            return new Carried(placement, false, reasons, Map.of(), false, null);
        }
    }

    /** The person's record in Zoho by exact email (a Contact first), read with every mapped field. */
    public Optional<ZohoRecord> find(String email) {
        return zoho.findByEmail(email, Map.of(ZohoModule.LEADS, mapping.apiNames(ZohoModule.LEADS),
                ZohoModule.CONTACTS, mapping.apiNames(ZohoModule.CONTACTS)));
    }

    /** Rebuilds and scores one person; nothing is written. */
    public Assessment assess(Subject s, String model, Instant now) {
        Prospect prospect = mapping.standing(s.known(), s.record(), s.written());
        ExistingRecord existing = s.record() == null ? ExistingRecord.NONE
                : s.record().module() == ZohoModule.CONTACTS ? ExistingRecord.CONTACT : ExistingRecord.LEAD;
        ScoringResult result = engine.score(prospect, s.activities(), model, existing, now);
        ScoreCard card = result.scoreCard();
        // A rejected person is not a new qualification, whatever their score.
        Qualification.Edge edge = result.decision().action() == DecisionAction.REJECT ? new Qualification.Edge(false, s.armed())
                : engine.qualification(result.model()).edge(s.armed(), card.fit(), card.engagement(), card.total());
        Map<String, Object> changes = s.record() == null ? Map.of() : mapping.changes(s.record(), s.known(), s.written(), card);
        return new Assessment(s, prospect, result, edge, changes);
    }

    /**
     * Makes Zoho match one person's decision: creates the Lead or Contact, writes what changed, converts a Lead.
     *
     * @throws ZohoException when Zoho fails or refuses; nothing is recorded then
     */
    public Carried carryOut(Assessment a) {
        List<String> reasons = new ArrayList<>(a.result().decision().reasons());
        ZohoRecord existing = a.subject().record();
        Placement placement = existing == null ? Placement.NONE : new Placement(existing.module().apiName(), existing.id(), null);
        boolean converted = false;
        Map<String, String> written = Map.of();
        boolean newRecord = false;
        String scheduled = null;
        switch (a.action()) {
            case REJECT -> placement = Placement.NONE;
            case CREATE_LEAD, CREATE_CONTACT -> {
                ZohoModule target = a.action() == DecisionAction.CREATE_LEAD ? ZohoModule.LEADS : ZohoModule.CONTACTS;
                Map<String, Object> fields = new LinkedHashMap<>(mapping.recordFields(target, a.prospect(), reasons));
                fields.putAll(mapping.scoreFields(target, a.card()));
                RecordOutcome outcome = zoho.create(target, fields);
                boolean duplicate = !outcome.success() && outcome.error().is("DUPLICATE_DATA") && outcome.error().duplicateId() != null;
                if (duplicate) {
                    // Zoho names a record holding one of this record's unique values. It is this person's only if a lookup
                    // by their address finds that very record (created meanwhile, or by a replay that died before
                    // recording it); otherwise it is someone else's, and nothing is written into it.
                    String other = outcome.error().duplicateId();
                    ZohoRecord found = find(a.subject().email()).orElse(null);
                    if (found == null || !found.id().equals(other) || found.module() != target) {
                        conflicts.incrementAndGet();
                        throw conflict(outcome.error());
                    }
                    outcome = update(target, other, mapping.scoreFields(target, a.card()));
                    reasons.add("The record already existed in Zoho (" + outcome.id() + "): its scores were updated");
                }
                requireSuccess(outcome);
                placement = new Placement(target.apiName(), outcome.id(), null);
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
                    requireSuccess(update(ZohoModule.LEADS, existing.id(), a.changes()));
                    written = mapping.written(ZohoModule.LEADS, a.changes());
                }
                Conversion conversion = convert(existing.id());
                if (conversion.scheduledJobId() != null) {
                    // Still a Lead until Zoho's job has run; ConversionFollowUp records the conversion then.
                    scheduled = conversion.scheduledJobId();
                    reasons.add(scheduled.equals(ConversionFollowUp.UNKNOWN_JOB)
                            ? "Zoho's answer to the conversion was lost; it is recorded once Zoho shows the Contact, and not requested again meanwhile"
                            : "Zoho scheduled the conversion as job " + scheduled + "; it is recorded once Zoho has done it");
                } else {
                    converted = !conversion.alreadyConverted();
                    placement = new Placement(ZohoModule.CONTACTS.apiName(),
                            conversion.contactId() != null ? conversion.contactId() : existing.id(), existing.id());
                    if (conversion.alreadyConverted()) {
                        reasons.add("The Lead had already been converted in Zoho");
                    }
                }
            }
        }
        return new Carried(placement, converted, reasons, written, newRecord, scheduled);
    }

    /** How many creates met another person's record on a unique field (and wrote nothing) since start. */
    public long conflicts() {
        return conflicts.get();
    }

    /**
     * The failure of a create that met another person's record on a unique field: {@link ZohoException.Failure#DATA}
     * with code {@code CONFLICT}, naming the field and the other record.
     */
    private static ZohoException conflict(org.leadscoring.crm.zoho.ZohoError duplicate) {
        String field = duplicate.field() == null ? "a unique field" : duplicate.field();
        return new ZohoException(new org.leadscoring.crm.zoho.ZohoError(duplicate.httpStatus(), "CONFLICT", "another person's record ("
                + duplicate.duplicateId() + ") holds the same " + field + "; nothing was written", duplicate.field(), duplicate.duplicateId(),
                null), ZohoException.Failure.DATA);
    }

    /**
     * Converts a Lead to a Contact with the default options — unless Zoho is converting it already as a job it
     * scheduled (202): then that job is answered, and Zoho is not asked again (a second request would convert twice and
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
            return zoho.convert(leadId, ConvertOptions.DEFAULT);
        } catch (ZohoException e) {
            if (e.failure() != ZohoException.Failure.UNKNOWN_OUTCOME) {
                throw e;
            }
            return new Conversion(leadId, null, null, null, false, ConversionFollowUp.UNKNOWN_JOB);
        }
    }

    /**
     * Writes the changes of re-scored records, a hundred a call, without running the organisation's workflows (a
     * nightly run must not set off a workflow per lead); one outcome per assessment, in order. The scores written to
     * the records of prospects the service took in go into their score history as given by run {@code runId}.
     */
    public List<RecordOutcome> writeChanges(ZohoModule module, List<Assessment> assessments, String runId) {
        List<Map<String, Object>> records = new ArrayList<>();
        for (Assessment a : assessments) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("id", a.subject().record().id());
            fields.putAll(a.changes());
            records.add(fields);
        }
        List<RecordOutcome> outcomes = zoho.update(module, records, false);
        List<ScoreHistory.Entry> given = new ArrayList<>();
        Map<String, ProspectReport> reports = new java.util.HashMap<>();
        for (int i = 0; i < outcomes.size(); i++) {
            Assessment a = assessments.get(i);
            if (outcomes.get(i).success() && a.subject().stored() != null) {
                remember(a.subject(), mapping.written(module, a.changes()), false);
                String id = a.subject().record().id();
                ProspectReport report = ProspectReport.of(a.subject().email(), a.result(), a.result().decision().reasons(),
                        new Placement(module.apiName(), id, null));
                reports.put(report.email(), report);
                given.add(ScoreHistory.Entry.of(report, a.result(), HookPayload.Origin.rescoring(runId, id)));
            }
        }
        for (ScoreHistory.Added added : history.addChanged(given)) {
            if (added.scoreOrGradeChanged()) {
                ProspectReport report = reports.get(added.entry().email());
                emit(HookService.SCORE_CHANGED, HookPayload.Origin.rescoring(runId, report.zohoId()), report);
            }
        }
        return outcomes;
    }

    /** Writes fields of one record as an intake does, letting the organisation's workflows run. */
    private RecordOutcome update(ZohoModule module, String id, Map<String, Object> changes) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", id);
        fields.putAll(changes);
        RecordOutcome outcome = zoho.update(module, List.of(fields), true).get(0);
        return outcome.success() && outcome.id() == null ? RecordOutcome.ok(id, "update") : outcome;
    }

    private static void requireSuccess(RecordOutcome outcome) {
        if (!outcome.success()) {
            throw new ZohoException(outcome.error(), false);
        }
    }

    /**
     * Records where the person now stands (their Zoho record, qualification and arming) and the score given, and raises
     * the events the change calls for, with the same payload whichever path got here: {@code lead.qualified} on a new
     * qualification, {@code lead.converted} when a Lead was converted now, {@code score.changed} when their score or
     * grade moved, {@code prospect.rejected} when they were rejected. {@code alsoRecord} runs in the same transaction (the
     * intake's own outcome), so the events are recorded with it or not at all. A person the service has never taken
     * in (a Lead made in Zoho) is not stored; their events are raised all the same.
     */
    @Transactional
    public void record(Assessment a, Carried carried, HookPayload.Origin origin, Runnable alsoRecord) {
        alsoRecord.run();
        remember(a.subject(), carried.written(), carried.newRecord());
        ProspectReport report = ProspectReport.of(a.subject().email(), a.result(), carried.reasons(), carried.placement());
        if (a.subject().stored() != null && history.addChanged(List.of(ScoreHistory.Entry.of(report, a.result(), origin))).stream()
                .anyMatch(ScoreHistory.Added::scoreOrGradeChanged)) {
            emit(HookService.SCORE_CHANGED, origin, report);
        }
        if (a.action() == DecisionAction.REJECT) {
            emit(HookService.PROSPECT_REJECTED, origin, report);
        }
        record(report, a.edge(), carried.converted(), origin);
        if (carried.scheduledConversion() != null) {
            followUps.schedule(carried.placement().id(), carried.scheduledConversion(),
                    new PendingConversion(report, new Qualification.Edge(false, a.edge().armed()), origin));
        }
    }

    /**
     * Records a conversion re-scoring made after its last page: done now, already done in Zoho, or scheduled by Zoho
     * as a job (then the person stays a Lead, and {@link ConversionFollowUp} records the conversion once it is done).
     */
    @Transactional
    public void converted(PendingConversion pending, Conversion c) {
        if (c.scheduledJobId() == null) {
            record(pending.convertedTo(c.contactId(), c.leadId()), pending.edge(), !c.alreadyConverted(), pending.origin());
            return;
        }
        ProspectReport asLead = pending.report().placedAt(new Placement(ZohoModule.LEADS.apiName(), c.leadId(), null));
        record(asLead, pending.edge(), false, pending.origin());
        followUps.schedule(c.leadId(), c.scheduledJobId(), new PendingConversion(asLead, new Qualification.Edge(false, pending.edge().armed()),
                pending.origin()));
    }

    /** {@link #record(Assessment, Carried, HookPayload.Origin, Runnable)} from a report made earlier (a conversion re-scoring deferred). */
    @Transactional
    public void record(ProspectReport report, Qualification.Edge edge, boolean converted, HookPayload.Origin origin) {
        prospects.recordStanding(new ProspectRepository.Standing(report.email(), report.zohoModule(), report.zohoId(), report.qualified(), edge.armed(),
                report.leadId()), Instant.now());
        if (edge.crossed()) {
            emit(HookService.LEAD_QUALIFIED, origin, report);
        }
        if (converted) {
            emit(HookService.LEAD_CONVERTED, origin, report);
        }
    }

    /**
     * Remembers what was just written to the person's record over what the subject says was written before (a new
     * record forgets the old one's); nothing for a person the service does not store, or when nothing changes.
     */
    private void remember(Subject s, Map<String, String> written, boolean newRecord) {
        if (s.stored() == null || written.isEmpty() && !newRecord) {
            return;
        }
        Map<String, String> all = new java.util.HashMap<>(newRecord ? Map.of() : s.written());
        all.putAll(written);
        prospects.recordWritten(s.email(), all);
    }

    private void emit(String event, HookPayload.Origin origin, ProspectReport report) {
        hooks.emit(event, report.email(), origin.key(), write(HookPayload.of(event, origin, report, Instant.now())));
    }

    public String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
