package org.leadscoring.intake;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.leadscoring.api.RequestIds;
import org.leadscoring.api.RequestValidation;
import org.leadscoring.metrics.ServiceMetrics;
import org.leadscoring.scoring.Activity;
import org.leadscoring.scoring.Prospect;
import org.leadscoring.store.IntakeKind;
import org.leadscoring.store.IntakeRepository;
import org.leadscoring.store.OutboxItem;
import org.leadscoring.store.OutboxRepository;
import org.leadscoring.store.ProspectRepository;
import org.leadscoring.store.StoreException;
import org.leadscoring.store.StoredIntake;
import org.leadscoring.store.StoredProspect;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Takes a prospect or an activity in: validates it, answers a replay with the first answer, stores it with its Zoho
 * work in one transaction (from then on it cannot be lost), then tries the Zoho work at once within a time budget.
 * What does not finish in time, or fails for now, is answered "queued" and completed by the dispatcher.
 */
@ApplicationScoped
public class IntakeService {

    private static final Logger LOG = Logger.getLogger(IntakeService.class);

    private final IntakeRepository intakes;
    private final ProspectRepository prospects;
    private final OutboxRepository outbox;
    private final IntakeSync sync;
    private final IntakeConfig config;
    private final RequestValidation validation;
    private final ObjectMapper json;
    private final ServiceMetrics metrics;

    @Inject
    IntakeService(IntakeRepository intakes, ProspectRepository prospects, OutboxRepository outbox, IntakeSync sync, IntakeConfig config,
            RequestValidation validation, ObjectMapper json, ServiceMetrics metrics) {
        this.intakes = intakes;
        this.prospects = prospects;
        this.outbox = outbox;
        this.sync = sync;
        this.config = config;
        this.validation = validation;
        this.json = json;
        this.metrics = metrics;
    }

    private ExecutorService workers;

    @PostConstruct
    void start() {
        workers = org.leadscoring.jobs.Workers.pool("intake-zoho", 8);
    }

    @PreDestroy
    void stop() {
        workers.shutdown();
    }

    /**
     * @param kind           a prospect or an activity
     * @param idempotencyKey the client's key; without one, the payload itself is the key for the replay window
     * @throws IdempotencyKeyReusedException when the client's key already named a request with another body
     */
    public IntakeAnswer submit(IntakeKind kind, ParsedIntake parsed, IdempotencyKey idempotencyKey) {
        IntakeAnswer answer = answer(kind, parsed, idempotencyKey);
        metrics.intake(kind.name().toLowerCase(java.util.Locale.ROOT), switch (answer.httpStatus()) {
            case 200 -> "done";
            case 202 -> "queued";
            case 409 -> "conflict";
            default -> "failed";
        });
        return answer;
    }

    private IntakeAnswer answer(IntakeKind kind, ParsedIntake parsed, IdempotencyKey idempotencyKey) {
        validation.validate(parsed.prospect());
        String requestHash = IdempotencyKey.sha256(kind.keyCode() + "\n" + parsed.canonical());
        String key = idempotencyKey.given() ? idempotencyKey.stored(kind.keyCode()) : "auto:" + kind.keyCode() + ":" + requestHash;
        Instant now = Instant.now();
        Optional<StoredIntake> earlier = intakes.findByKey(key);
        if (earlier.isPresent()) {
            boolean stale = !idempotencyKey.given() && earlier.get().receivedAt().isBefore(now.minus(config.replayWindow()));
            if (!stale) {
                return replay(earlier.get(), requestHash);
            }
            intakes.retireKey(earlier.get().id(), key);
        }
        String id = "in_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
        org.jboss.logging.MDC.put(RequestIds.INTAKE_ID, id);
        Activity activity = parsed.activityType() == null ? null
                : new Activity(parsed.activityType(), parsed.activityAt() == null ? now : parsed.activityAt(), parsed.activityProperties(), 0);
        for (int attempt = 1;; attempt++) {
            Prospect prospect = kind == IntakeKind.ACTIVITY ? existingOr(parsed) : merged(parsed);
            try {
                intakes.accept(new IntakeRepository.NewIntake(id, key, requestHash, kind, parsed.prospect().email(), now, prospect, activity));
                break;
            } catch (StoreException e) {
                // The same request arriving twice at once: the other one was stored first.
                Optional<StoredIntake> winner = intakes.findByKey(key);
                if (winner.isPresent()) {
                    return replay(winner.get(), requestHash);
                }
                // Another intake for the same new person, on this instance or another, created the prospect first:
                // nothing of this one was stored, so it is stored again on top of theirs.
                if (attempt >= 3) {
                    throw e;
                }
                LOG.debugf("Intake %s for %s met a concurrent write (%s); storing it again", id, parsed.prospect().email(), e.getMessage());
            }
        }
        return attempt(id);
    }

    private IntakeAnswer attempt(String intakeId) {
        OutboxItem item = outbox.pendingFor(intakeId).orElseThrow();
        if (!sync.claim(item)) {
            return queuedNow(intakeId);
        }
        Future<IntakeAnswer> work = workers.submit(RequestIds.carried(() -> sync.process(item)));
        try {
            return work.get(config.zohoBudget().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warnf("Intake %s: Zoho is slow; answering queued while the work goes on", intakeId);
            return queuedNow(intakeId);
        } catch (ExecutionException e) {
            LOG.error("Intake " + intakeId + " could not be processed now; the dispatcher will retry it", e.getCause());
            return queuedNow(intakeId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return queuedNow(intakeId);
        }
    }

    /** The answer for an intake whose Zoho work is still to come: the decision as far as it is known locally. */
    private IntakeAnswer queuedNow(String intakeId) {
        return sync.queuedAnswer(intakeId);
    }

    /** The first answer again, for the same request; a key reused with another body loses nothing silently. */
    private IntakeAnswer replay(StoredIntake intake, String requestHash) {
        if (intake.requestHash() != null && !intake.requestHash().equals(requestHash)) {
            throw new IdempotencyKeyReusedException(intake.id());
        }
        if (intake.responseJson() == null) {
            return queuedNow(intake.id());
        }
        return IntakeAnswer.of(intake);
    }

    /** The stored prospect with what this intake says on top. */
    private Prospect merged(ParsedIntake parsed) {
        return prospects.find(parsed.prospect().email()).map(stored -> Prospects.merge(stored.prospect(), parsed.prospect()))
                .orElse(parsed.prospect());
    }

    /** An activity changes no field: the stored prospect, or one known by email only. */
    private Prospect existingOr(ParsedIntake parsed) {
        return prospects.find(parsed.prospect().email()).map(StoredProspect::prospect).orElse(parsed.prospect());
    }
}
