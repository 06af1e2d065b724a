package org.leadscoring.intake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.leadscoring.crm.zoho.Conversion;
import org.leadscoring.crm.zoho.ConvertOptions;
import org.leadscoring.crm.zoho.FieldMapping;
import org.leadscoring.crm.zoho.RecordOutcome;
import org.leadscoring.crm.zoho.ZohoCrm;
import org.leadscoring.crm.zoho.ZohoException;
import org.leadscoring.crm.zoho.ZohoModule;
import org.leadscoring.crm.zoho.ZohoRecord;
import org.leadscoring.intake.hooks.HookService;
import org.leadscoring.scoring.Activity;
import org.leadscoring.scoring.DecisionAction;
import org.leadscoring.scoring.ExistingRecord;
import org.leadscoring.scoring.Prospect;
import org.leadscoring.scoring.ScoreCard;
import org.leadscoring.scoring.ScoringEngine;
import org.leadscoring.scoring.ScoringResult;
import org.leadscoring.scoring.model.Qualification;
import org.leadscoring.store.IntakeStore;
import org.leadscoring.store.OutboxItem;
import org.leadscoring.store.StoredIntake;
import org.leadscoring.store.StoredProspect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Does an intake's Zoho work: finds the prospect's record by exact email, scores them with all their stored
 * activities, decides, makes Zoho match the decision, and records the outcome. Work for one prospect runs one at a
 * time; when Zoho fails for a reason that passes, the work is postponed with backoff and done later, in order.
 */
@ApplicationScoped
public class ZohoSync {

    private static final Logger LOG = Logger.getLogger(ZohoSync.class);
    private static final int STRIPES = 64;

    @Inject
    IntakeStore store;

    @Inject
    ZohoCrm zoho;

    @Inject
    FieldMapping mapping;

    @Inject
    ScoringEngine engine;

    @Inject
    HookService hooks;

    @Inject
    ObjectMapper json;

    @Inject
    IntakeConfig config;

    @Inject
    org.leadscoring.config.LeadScoringConfig settings;

    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    public ZohoSync() {
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /**
     * Takes an outbox item for this instance when it is its prospect's oldest pending work (work is done in order per
     * prospect) and no other worker holds it.
     */
    public boolean claim(OutboxItem item) {
        Instant now = Instant.now();
        return !store.hasEarlierPending(item.email(), item.id()) && store.claim(item.id(), now, now.plus(settings.outbox().claim()));
    }

    /** Processes one claimed outbox item and answers as the intake should; postpones it when Zoho fails for now. */
    public IntakeAnswer process(OutboxItem item) {
        ReentrantLock lock = locks[Math.floorMod(item.email().hashCode(), STRIPES)];
        lock.lock();
        try {
            return processLocked(item);
        } finally {
            lock.unlock();
        }
    }

    private IntakeAnswer processLocked(OutboxItem item) {
        StoredIntake intake = store.find(item.intakeId()).orElseThrow();
        StoredProspect stored = store.prospect(item.email()).orElseThrow();
        Prospect prospect = stored.prospect();
        List<Activity> activities = store.activities(item.email());
        String model = config.model().orElse(null);
        try {
            Optional<ZohoRecord> existing = zoho.findByEmail(item.email(),
                    Map.of(ZohoModule.LEADS, mapping.apiNames(ZohoModule.LEADS), ZohoModule.CONTACTS, mapping.apiNames(ZohoModule.CONTACTS)));
            ExistingRecord known = existing.map(r -> r.module() == ZohoModule.CONTACTS ? ExistingRecord.CONTACT : ExistingRecord.LEAD)
                    .orElse(ExistingRecord.NONE);
            if (existing.isPresent()) {
                // What the CRM knows (fields sales edited, records made elsewhere) fills what intakes have not said.
                ZohoRecord r = existing.get();
                prospect = Prospects.merge(mapping.prospectFrom(r.module(), item.email(), r.fields()), prospect);
            }
            ScoringResult result = engine.score(prospect, activities, model, known, intake.receivedAt());
            return carryOut(intake, item, stored, prospect, result, existing.orElse(null));
        } catch (ZohoException e) {
            if (!e.retryable()) {
                return fail(intake, item, stored, prospect, activities, e);
            }
            return postpone(intake, item, stored, prospect, activities, e.getMessage());
        }
    }

    private IntakeAnswer carryOut(StoredIntake intake, OutboxItem item, StoredProspect stored, Prospect prospect, ScoringResult result,
            ZohoRecord existing) {
        ScoreCard card = result.scoreCard();
        DecisionAction action = result.decision().action();
        List<String> reasons = new ArrayList<>(result.decision().reasons());
        String module = existing == null ? null : existing.module().apiName();
        String id = existing == null ? null : existing.id();
        String convertedLead = null;
        boolean converted = false;
        switch (action) {
            case REJECT -> {
                module = null;
                id = null;
            }
            case CREATE_LEAD, CREATE_CONTACT -> {
                ZohoModule target = action == DecisionAction.CREATE_LEAD ? ZohoModule.LEADS : ZohoModule.CONTACTS;
                Map<String, Object> fields = new LinkedHashMap<>(mapping.recordFields(target, prospect, reasons));
                fields.putAll(mapping.scoreFields(target, card));
                RecordOutcome outcome = zoho.create(target, fields);
                if (!outcome.success() && outcome.error().is("DUPLICATE_DATA") && outcome.error().duplicateId() != null) {
                    // Created meanwhile (or by a replay that died before recording it): update that record instead.
                    outcome = updateScores(target, outcome.error().duplicateId(), card);
                    reasons.add("The record already existed in Zoho (" + outcome.id() + "): its scores were updated");
                }
                requireSuccess(outcome);
                module = target.apiName();
                id = outcome.id();
            }
            case UPDATE_LEAD, UPDATE_CONTACT -> requireSuccess(updateScores(existing.module(), existing.id(), card));
            case CONVERT_LEAD -> {
                requireSuccess(updateScores(ZohoModule.LEADS, existing.id(), card));
                Conversion conversion = zoho.convert(existing.id(), ConvertOptions.DEFAULT);
                convertedLead = existing.id();
                converted = !conversion.alreadyConverted();
                module = ZohoModule.CONTACTS.apiName();
                id = conversion.contactId() != null ? conversion.contactId() : existing.id();
                if (conversion.alreadyConverted()) {
                    reasons.add("The Lead had already been converted in Zoho");
                }
            }
        }
        Qualification q = qualification(result.model());
        boolean crossed = card.qualified() && stored.armed();
        boolean armed = card.qualified() ? false : stored.armed() || !q.isMetBy(plus(card.fit(), q.hysteresis()),
                plus(card.engagement(), q.hysteresis()), plus(card.total(), q.hysteresis()));
        String status = action == DecisionAction.REJECT ? "rejected" : "done";
        String response = response(intake, "done", result, reasons, module, id);
        List<String> events = new ArrayList<>();
        if (crossed) {
            events.add(HookService.LEAD_QUALIFIED);
        }
        if (converted) {
            events.add(HookService.LEAD_CONVERTED);
        }
        completeWithEvents(new IntakeStore.Completion(intake.id(), status, action.jsonName(), result.model(), result.rulesetVersion(),
                write(card), String.join("; ", reasons), module, id, null, response, item.email(), card.qualified(), armed, convertedLead),
                item.id(), events, response);
        return new IntakeAnswer(200, response);
    }

    /** The intake's outcome and the hook events it raises are recorded together, or not at all. */
    @Transactional
    void completeWithEvents(IntakeStore.Completion done, long outboxId, List<String> events, String response) {
        store.complete(done, outboxId, Instant.now());
        for (String event : events) {
            hooks.emit(event, done.email(), done.intakeId(), response);
        }
    }

    private RecordOutcome updateScores(ZohoModule module, String id, ScoreCard card) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", id);
        fields.putAll(mapping.scoreFields(module, card));
        RecordOutcome outcome = zoho.update(module, List.of(fields), true).get(0);
        return outcome.success() && outcome.id() == null ? RecordOutcome.ok(id, "update") : outcome;
    }

    private static void requireSuccess(RecordOutcome outcome) {
        if (!outcome.success()) {
            throw new ZohoException(outcome.error(), false);
        }
    }

    /** The decision as far as it can be known without Zoho: the CRM as last seen. */
    private ScoringResult withoutZoho(StoredIntake intake, StoredProspect stored, Prospect prospect, List<Activity> activities) {
        return engine.score(prospect, activities, config.model().orElse(null), stored.existingRecord(), intake.receivedAt());
    }

    private IntakeAnswer postpone(StoredIntake intake, OutboxItem item, StoredProspect stored, Prospect prospect, List<Activity> activities,
            String error) {
        ScoringResult local = withoutZoho(intake, stored, prospect, activities);
        int attempts = item.attempts() + 1;
        long millis = Math.min(settings.outbox().maxRetry().toMillis(), settings.outbox().firstRetry().toMillis() << Math.min(attempts - 1, 16));
        String response = response(intake, "queued", local, local.decision().reasons(), stored.zohoModule(), stored.zohoId());
        store.postpone(intake.id(), response, local.decision().action().jsonName(), write(local.scoreCard()),
                String.join("; ", local.decision().reasons()), item.id(), attempts, Instant.now().plusMillis(millis), error);
        LOG.warnf("Intake %s queued: Zoho failed (%s); attempt %d, next in %d ms", intake.id(), error, attempts, millis);
        return new IntakeAnswer(202, store.find(intake.id()).map(StoredIntake::responseJson).orElse(response));
    }

    private IntakeAnswer fail(StoredIntake intake, OutboxItem item, StoredProspect stored, Prospect prospect, List<Activity> activities,
            ZohoException e) {
        ScoringResult local = withoutZoho(intake, stored, prospect, activities);
        List<String> reasons = new ArrayList<>(local.decision().reasons());
        reasons.add("Zoho refused the record: " + e.error());
        String response = response(intake, "failed", local, reasons, null, null);
        store.complete(new IntakeStore.Completion(intake.id(), "failed", local.decision().action().jsonName(), local.model(),
                local.rulesetVersion(), write(local.scoreCard()), String.join("; ", reasons), null, null, e.error().toString(), response,
                item.email(), stored.qualified(), stored.armed(), null), item.id(), Instant.now());
        LOG.errorf("Intake %s failed: Zoho refused it (%s)", intake.id(), e.error());
        return new IntakeAnswer(502, response);
    }

    /**
     * The answer for an intake whose Zoho work has not finished: its stored answer when there is one, else the
     * decision as far as it is known without Zoho (what the CRM holds as last seen), recorded as queued.
     */
    public IntakeAnswer queuedAnswer(String intakeId) {
        StoredIntake intake = store.find(intakeId).orElseThrow();
        if (intake.responseJson() == null) {
            StoredProspect stored = store.prospect(intake.email()).orElseThrow();
            ScoringResult local = withoutZoho(intake, stored, stored.prospect(), store.activities(intake.email()));
            String response = response(intake, "queued", local, local.decision().reasons(), stored.zohoModule(), stored.zohoId());
            store.markQueued(intakeId, response, local.decision().action().jsonName(), write(local.scoreCard()),
                    String.join("; ", local.decision().reasons()));
            intake = store.find(intakeId).orElseThrow();
        }
        return IntakeAnswer.of(intake);
    }

    private Qualification qualification(String model) {
        return engine.registry().current().flatMap(s -> s.model(model)).map(m -> m.model().qualification()).orElseThrow();
    }

    private static Integer plus(Integer score, int h) {
        return score == null ? null : score + h;
    }

    /** The flat answer Zapier maps in later steps. */
    private String response(StoredIntake intake, String status, ScoringResult result, List<String> reasons, String module, String id) {
        ScoreCard card = result.scoreCard();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", intake.id());
        out.put("status", status);
        out.put("email", intake.email());
        out.put("decision", result.decision().action().jsonName());
        out.put("score", card.total());
        out.put("fit_score", card.fit());
        out.put("engagement_score", card.engagement());
        out.put("grade", card.grade());
        out.put("qualified", card.qualified());
        out.put("zoho_module", module);
        out.put("zoho_id", id);
        out.put("reasons", String.join("; ", reasons));
        out.put("explanation", FieldMapping.explanation(card));
        out.put("ruleset_version", result.rulesetVersion());
        out.put("model", result.model());
        out.put("received_at", intake.receivedAt().toString());
        return write(out);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
