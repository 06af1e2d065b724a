package org.leadscoring.rescoring;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.leadscoring.crm.Conversion;
import org.leadscoring.crm.Crm;
import org.leadscoring.crm.CrmException;
import org.leadscoring.crm.CrmWriter;
import org.leadscoring.crm.PendingConversion;
import org.leadscoring.crm.Recorder;
import org.leadscoring.jobs.Workers;
import org.leadscoring.store.Json;

/**
 * The last phase of a run: converts the Leads the chain found qualified to Contacts. A conversion is one call of its
 * own, independent of the others, so as many go out at once as Zoho takes calls in flight
 * ({@code zoho.max-concurrent-calls}). Each Lead's outcome is saved as it is converted, so a run stopped here (budget,
 * Zoho down) resumes with the Leads not converted yet.
 */
@ApplicationScoped
public class LeadConverter {

    private final RunRepository runs;
    private final LeadSnapshots snapshots;
    private final CrmWriter writer;
    private final Crm crm;
    private final Recorder recorder;
    private final Json json;

    @Inject
    LeadConverter(RunRepository runs, LeadSnapshots snapshots, CrmWriter writer, Crm crm, Recorder recorder, Json json) {
        this.runs = runs;
        this.snapshots = snapshots;
        this.writer = writer;
        this.crm = crm;
        this.recorder = recorder;
        this.json = json;
    }

    private ExecutorService workers;

    @PostConstruct
    void start() {
        workers = Workers.pool("rescoring-conversions", crm.callsAtOnce());
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }

    /**
     * Converts the chain's Leads still to convert (a dry run only says it would), counting them in {@code p}.
     *
     * @throws RuntimeException the first failure that stops the run (budget, Zoho down) once the conversions under way are done
     */
    void convertAll(RunProgress p) {
        List<LeadOutcome> due = runs.outcomes(p.chainId(), LeadOutcome.Kind.TO_CONVERT, Integer.MAX_VALUE);
        if (p.dryRun()) {
            for (LeadOutcome o : due) {
                runs.setOutcome(p.chainId(), o.leadId(), p.id(), LeadOutcome.Kind.WOULD_CONVERT, null);
                p.converted++;
            }
            return;
        }
        CrmWriter charged = writer.chargedTo(p.budget);
        AtomicReference<RuntimeException> stop = new AtomicReference<>();
        List<Future<LeadOutcome.Kind>> conversions = due.stream().map(o -> workers.submit(() -> {
            if (stop.get() != null) {
                return null;
            }
            try {
                return convert(p, o, charged);
            } catch (RuntimeException e) {
                stop.compareAndSet(null, e);
                return null;
            }
        })).toList();
        for (Future<LeadOutcome.Kind> c : conversions) {
            LeadOutcome.Kind kind = Workers.await(c, "converting Leads");
            if (kind == LeadOutcome.Kind.CONVERTED) {
                p.converted++;
            } else if (kind == LeadOutcome.Kind.FAILED) {
                p.failed++;
            }
        }
        if (stop.get() != null) {
            throw stop.get();
        }
    }

    /** Converts one Lead and records it: answers CONVERTED, or FAILED when Zoho refused it for good. */
    private LeadOutcome.Kind convert(RunProgress p, LeadOutcome o, CrmWriter writer) {
        try {
            Conversion c = writer.convert(o.leadId());
            runs.setOutcome(p.chainId(), o.leadId(), p.id(), LeadOutcome.Kind.CONVERTED, c.alreadyConverted() ? "already converted"
                    : c.scheduledJobId() != null ? "scheduled by Zoho as job " + c.scheduledJobId() : null);
            recorder.converted(json.read(o.conversionJson(), PendingConversion.class), c);
            // A converted Lead is never scored again: an incremental run must not find it among the stored ones.
            snapshots.remove(List.of(o.leadId()));
            return LeadOutcome.Kind.CONVERTED;
        } catch (CrmException e) {
            if (e.retryable()) {
                throw e;
            }
            runs.setOutcome(p.chainId(), o.leadId(), p.id(), LeadOutcome.Kind.FAILED, e.error().toString());
            return LeadOutcome.Kind.FAILED;
        }
    }
}
