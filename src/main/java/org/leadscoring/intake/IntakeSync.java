package org.leadscoring.intake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.leadscoring.api.RequestIds;
import org.leadscoring.crm.Assessment;
import org.leadscoring.crm.Assessor;
import org.leadscoring.crm.Carried;
import org.leadscoring.crm.CrmException;
import org.leadscoring.crm.CrmRecord;
import org.leadscoring.crm.CrmWriter;
import org.leadscoring.crm.HookPayload;
import org.leadscoring.crm.ProspectReport;
import org.leadscoring.crm.Recorder;
import org.leadscoring.crm.Subject;
import org.leadscoring.scoring.Activity;
import org.leadscoring.scoring.DecisionAction;
import org.leadscoring.scoring.ScoringEngine;
import org.leadscoring.scoring.ScoringResult;
import org.leadscoring.store.IntakeRepository;
import org.leadscoring.store.IntakeStatus;
import org.leadscoring.store.Json;
import org.leadscoring.store.OutboxItem;
import org.leadscoring.store.OutboxRepository;
import org.leadscoring.store.ProspectRepository;
import org.leadscoring.store.StoredIntake;
import org.leadscoring.store.StoredProspect;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * Does an intake's Zoho work in the three steps every path takes: finds the record by exact email, {@linkplain Assessor
 * assesses} the person with all the stored activities, has the {@link CrmWriter} carry the decision out, and has the
 * {@link Recorder} record it with the intake's answer. Work for one prospect runs one at
 * a time; when Zoho fails for a reason that passes, the work is postponed with backoff and done later, in order.
 */
@ApplicationScoped
public class IntakeSync {

    private static final Logger LOG = Logger.getLogger(IntakeSync.class);
    private static final int STRIPES = 64;

    private final IntakeRepository intakes;
    private final ProspectRepository prospects;
    private final OutboxRepository outbox;
    private final Assessor assessor;
    private final CrmWriter writer;
    private final Recorder recorder;
    private final Json json;
    private final ScoringEngine engine;
    private final IntakeConfig config;
    private final OutboxConfig settings;
    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];
    /**
     * Work was postponed because Zoho failed (down, throttling, the circuit open); the next success makes everything
     * waiting due at once — the one place that says "Zoho is back" to the outbox.
     */
    private final java.util.concurrent.atomic.AtomicBoolean waiting = new java.util.concurrent.atomic.AtomicBoolean();

    @Inject
    IntakeSync(IntakeRepository intakes, ProspectRepository prospects, OutboxRepository outbox, Assessor assessor, CrmWriter writer,
            Recorder recorder, Json json, ScoringEngine engine, IntakeConfig config, OutboxConfig settings) {
        this.intakes = intakes;
        this.prospects = prospects;
        this.outbox = outbox;
        this.assessor = assessor;
        this.writer = writer;
        this.recorder = recorder;
        this.json = json;
        this.engine = engine;
        this.config = config;
        this.settings = settings;
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
        return !outbox.hasEarlierPending(item.email(), item.id()) && outbox.claim(item.id(), now, now.plus(settings.claim()));
    }

    /** Processes one claimed outbox item and answers as the intake should; postpones it when Zoho fails for now. */
    public IntakeAnswer process(OutboxItem item) {
        ReentrantLock lock = locks[Math.floorMod(item.email().hashCode(), STRIPES)];
        lock.lock();
        Object outer = MDC.get(RequestIds.INTAKE_ID);
        MDC.put(RequestIds.INTAKE_ID, item.intakeId());
        try {
            return processLocked(item);
        } finally {
            if (outer == null) {
                MDC.remove(RequestIds.INTAKE_ID);
            } else {
                MDC.put(RequestIds.INTAKE_ID, outer);
            }
            lock.unlock();
        }
    }

    private IntakeAnswer processLocked(OutboxItem item) {
        StoredIntake intake = intakes.find(item.intakeId()).orElseThrow();
        StoredProspect stored = prospects.find(item.email()).orElseThrow();
        List<Activity> activities = prospects.activities(item.email());
        try {
            CrmRecord existing = writer.find(item.email()).orElse(null);
            Assessment assessed = assessor.assess(new Subject(item.email(), stored, activities, existing), config.model().orElse(null),
                    intake.receivedAt());
            Carried carried = writer.carryOut(assessed);
            ScoringResult result = assessed.result();
            IntakeStatus status = assessed.action() == DecisionAction.REJECT ? IntakeStatus.REJECTED : IntakeStatus.DONE;
            String response = response(intake, IntakeStatus.DONE, ProspectReport.of(item.email(), result, carried.reasons(), carried.placement()));
            StoredIntake.Outcome outcome = new StoredIntake.Outcome(assessed.action().jsonName(), result.model(), result.rulesetVersion(),
                    json.write(assessed.card()), String.join("; ", carried.reasons()), carried.placement().module(), carried.placement().id(), null);
            recorder.record(new Recorder.Done(assessed, carried, HookPayload.Origin.intake(intake.id())),
                    () -> intakes.complete(intake.id(), status, outcome, response, item.id(), Instant.now()));
            if (waiting.compareAndSet(true, false)) {
                LOG.infof("Zoho takes work again: %d queued intakes are due now", outbox.makeDue(Instant.now()));
            }
            return new IntakeAnswer(200, response);
        } catch (CrmException e) {
            if (e.failure() == CrmException.Failure.CONFLICT) {
                return end(intake, item, stored, activities, e, IntakeStatus.CONFLICT, 409);
            }
            if (e.failure() == CrmException.Failure.DATA) {
                return end(intake, item, stored, activities, e, IntakeStatus.FAILED, 502);
            }
            // Everything else passes — an outage, a throttle, a lost answer (the next try looks the person up first),
            // even a setup Zoho refuses (an operator fixes it): the intake waits and is delivered then.
            return postpone(intake, item, stored, activities, e);
        } catch (RuntimeException e) {
            // A failure of the service's own: the work is tried again after the backoff (the next try looks the person up
            // first, as after a lost answer), not held by its claim; the caller answers the intake as queued.
            outbox.retryLater(item.id(), retry(item, null, "service: " + e.getClass().getSimpleName()));
            throw e;
        }
    }

    /** The decision as far as it can be known without Zoho: the CRM as last seen. */
    private ScoringResult withoutCrm(StoredIntake intake, StoredProspect stored, List<Activity> activities) {
        return engine.score(stored.prospect(), activities, config.model().orElse(null), stored.existingRecord(), intake.receivedAt());
    }

    /** The answer while the Zoho work waits: the decision without Zoho, and the record as last seen. */
    private String queuedResponse(StoredIntake intake, StoredProspect stored, ScoringResult local) {
        return response(intake, IntakeStatus.QUEUED, ProspectReport.of(intake.email(), local, local.decision().reasons(),
                new ProspectReport.Placement(stored.zohoModule(), stored.zohoId(), stored.convertedLead())));
    }

    private IntakeAnswer postpone(StoredIntake intake, OutboxItem item, StoredProspect stored, List<Activity> activities, CrmException e) {
        waiting.set(true);
        ScoringResult local = withoutCrm(intake, stored, activities);
        String response = queuedResponse(intake, stored, local);
        OutboxItem.Retry retry = retry(item, e.retryAt(), e.failure().name().toLowerCase(java.util.Locale.ROOT) + ": " + e.error());
        intakes.postpone(intake.id(), outcome(local, local.decision().reasons(), null), response, item.id(), retry);
        LOG.warnf("Intake %s queued: Zoho failed (%s); attempt %d, next at %s", intake.id(), retry.error(), retry.attempts(), retry.nextAttemptAt());
        return new IntakeAnswer(202, intakes.find(intake.id()).map(StoredIntake::responseJson).orElse(response));
    }

    /** The item's next attempt after this one failed: after the backoff, or when the CRM said to come back if later. */
    private OutboxItem.Retry retry(OutboxItem item, Instant notBefore, String error) {
        int attempts = item.attempts() + 1;
        Instant next = Instant.now().plus(settings.backoff().after(attempts));
        return new OutboxItem.Retry(attempts, notBefore != null && notBefore.isAfter(next) ? notBefore : next, error);
    }

    /** Ends an intake whose record Zoho refused ({@code failed}) or that met another person's record ({@code conflict}). */
    private IntakeAnswer end(StoredIntake intake, OutboxItem item, StoredProspect stored, List<Activity> activities, CrmException e,
            IntakeStatus status, int httpStatus) {
        ScoringResult local = withoutCrm(intake, stored, activities);
        List<String> reasons = new ArrayList<>(local.decision().reasons());
        reasons.add(status == IntakeStatus.CONFLICT ? "Not written to Zoho: " + e.error().message() : "Zoho refused the record: " + e.error());
        String response = response(intake, status, ProspectReport.of(intake.email(), local, reasons, ProspectReport.Placement.NONE));
        intakes.complete(intake.id(), status, outcome(local, reasons, e.error().toString()), response, item.id(), Instant.now());
        LOG.errorf("Intake %s ended %s: %s", intake.id(), status.code(), e.error());
        return new IntakeAnswer(httpStatus, response);
    }

    /**
     * The answer for an intake whose Zoho work has not finished: its stored answer when there is one, else the
     * decision as far as it is known without Zoho (what the CRM holds as last seen), recorded as queued.
     */
    public IntakeAnswer queuedAnswer(String intakeId) {
        StoredIntake intake = intakes.find(intakeId).orElseThrow();
        if (intake.responseJson() == null) {
            StoredProspect stored = prospects.find(intake.email()).orElseThrow();
            ScoringResult local = withoutCrm(intake, stored, prospects.activities(intake.email()));
            intakes.markQueued(intakeId, outcome(local, local.decision().reasons(), null), queuedResponse(intake, stored, local));
            intake = intakes.find(intakeId).orElseThrow();
        }
        return IntakeAnswer.of(intake);
    }

    /** The intake's answer, flat for Zapier's later steps: the intake, its status, and the {@link ProspectReport}. */
    @Schema(name = "IntakeAnswer")
    record IntakeResponse(String id, IntakeStatus status, @JsonUnwrapped ProspectReport report, String receivedAt) {
    }

    /** The outcome of a decision made without Zoho (queued or refused): no record, and Zoho's error if it gave one. */
    private StoredIntake.Outcome outcome(ScoringResult local, List<String> reasons, String zohoError) {
        return new StoredIntake.Outcome(local.decision().action().jsonName(), local.model(), local.rulesetVersion(), write(local.scoreCard()),
                String.join("; ", reasons), null, null, zohoError);
    }

    /** The answer's JSON, scrubbed of {@link org.leadscoring.config.Secrets} (reasons may quote what Zoho said). */
    private String response(StoredIntake intake, IntakeStatus status, ProspectReport report) {
        return org.leadscoring.config.Secrets.scrub(write(new IntakeResponse(intake.id(), status, report, intake.receivedAt().toString())));
    }

    private String write(Object value) {
        return json.write(value);
    }
}
