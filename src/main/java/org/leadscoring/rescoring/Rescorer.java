package org.leadscoring.rescoring;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.leadscoring.crm.CrmSync;
import org.leadscoring.crm.HookPayload;
import org.leadscoring.crm.PendingConversion;
import org.leadscoring.crm.ProspectReport;
import org.leadscoring.crm.zoho.Conversion;
import org.leadscoring.crm.zoho.FieldMapping;
import org.leadscoring.crm.zoho.LeadPage;
import org.leadscoring.crm.zoho.RecordOutcome;
import org.leadscoring.crm.zoho.ZohoCrm;
import org.leadscoring.crm.zoho.ZohoException;
import org.leadscoring.crm.zoho.ZohoModule;
import org.leadscoring.crm.zoho.ZohoRecord;
import org.leadscoring.scoring.DecisionAction;
import org.leadscoring.scoring.ScoringEngine;
import org.leadscoring.store.IntakeStore;
import org.leadscoring.store.StoredProspect;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;

/**
 * Re-scores every open Lead in Zoho: pages through them, rebuilds each prospect from its Zoho fields and the
 * activities stored here, scores it with the live rules at the run's moment, writes back only the scores that
 * changed (100 per call, without firing workflows), then converts the Leads that crossed the threshold. Runs are
 * recorded page by page, so a crash or a budget stop resumes from the last page and no lead is written twice in a
 * chain of runs.
 */
@ApplicationScoped
public class Rescorer {

    private static final Logger LOG = Logger.getLogger(Rescorer.class);
    static final Duration LEASE = Duration.ofMinutes(2);

    @Inject
    RunStore runs;

    @Inject
    ZohoCrm zoho;

    @Inject
    FieldMapping mapping;

    @Inject
    IntakeStore intakes;

    @Inject
    CrmSync sync;

    @Inject
    RescoringConfig config;

    @Inject
    ObjectMapper json;

    private final String instance = "instance-" + UUID.randomUUID();
    private volatile String executing;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "rescoring");
        t.setDaemon(true);
        return t;
    });
    /** Reads the next page of leads while the current one is scored and written. */
    private final ExecutorService reader = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "rescoring-read-ahead");
        t.setDaemon(true);
        return t;
    });

    /**
     * What starts a run: dry or not, which model (null: default), a credit budget (null: configured) and the moment to
     * score at (null: now; a later moment shows what decay will do).
     */
    public record Request(boolean dryRun, String model, Long maxCredits, Instant now) {
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
        reader.shutdownNow();
    }

    void onStart(@Observes StartupEvent start) {
        resumeInterruptedRuns();
    }

    /**
     * Runs left "running" by a process that died are taken up again from their checkpoint, here or by another
     * instance once the dead one's lease has expired. Checked at start and every minute.
     */
    @Scheduled(identity = "rescoring-orphans", every = "60s", delayed = "60s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void resumeInterruptedRuns() {
        for (RescoringRun r : runs.inState("running")) {
            if (r.id().equals(executing) || !runs.lease(instance, Instant.now(), Instant.now().plus(LEASE))) {
                continue;
            }
            LOG.infof("Re-scoring run %s was interrupted at page %d; resuming", r.id(), r.pagesDone());
            worker.submit(() -> execute(r.id(), config.maxCredits()));
        }
    }

    /**
     * Every instance's scheduler fires; the first to claim the firing in the database runs it, so a schedule shared by
     * several instances runs once per firing.
     */
    @Scheduled(identity = "rescoring", cron = "${rescoring.cron}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled(ScheduledExecution execution) {
        if (!config.enabled()) {
            return;
        }
        Instant fire = execution.getScheduledFireTime().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        if (!runs.claimFire(fire)) {
            LOG.debugf("Scheduled re-scoring of %s is run by another instance", fire);
            return;
        }
        try {
            RescoringRun run = start(new Request(false, null, null, null), "schedule");
            runs.assign(run.id(), instance, fire);
        } catch (RunInProgressException e) {
            LOG.info("Scheduled re-scoring skipped: " + e.getMessage());
        }
    }

    void onRulesChange(@Observes ScoringEngine.RuleSetLoaded loaded) {
        if (config.onRulesChange()) {
            try {
                start(new Request(false, null, null, null), "rules_change");
            } catch (RunInProgressException e) {
                LOG.info("Re-scoring after rule change skipped: " + e.getMessage());
            }
        }
    }

    /**
     * Starts a run in the background and returns it as recorded. A run continues the chain of the last one that
     * stopped at its budget.
     *
     * @throws RunInProgressException when a run is going on
     */
    public synchronized RescoringRun start(Request request, String trigger) {
        // The lease comes first: of several instances starting at once, one gets it, the others do not start.
        if (!runs.lease(instance, Instant.now(), Instant.now().plus(LEASE))) {
            throw new RunInProgressException("another instance is running one");
        }
        List<RescoringRun> running = runs.inState("running");
        if (!running.isEmpty()) {
            runs.release(instance);
            throw new RunInProgressException("run " + running.get(0).id() + " is in progress");
        }
        RescoringRun previous = request.dryRun() ? null : runs.resumable().filter(r -> !r.dryRun()).orElse(null);
        String id = "run_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        Instant now = Instant.now();
        Instant scoringNow = request.now() == null ? now : request.now();
        String model = request.model() == null || request.model().isBlank() ? null : request.model();
        RescoringRun run = previous == null
                ? new RescoringRun(id, id, "running", "scoring", request.dryRun(), model, null, scoringNow, trigger, 1, null, 0, null, 0, 0, 0, 0, 0, 0, 0, null,
                        now, now, null)
                : new RescoringRun(id, previous.chainId(), "running", previous.phase(), false, previous.model(), null, previous.scoringNow(), trigger,
                        previous.cursorPage(), previous.cursorToken(), 0, null, 0, 0, 0, 0, 0, 0, 0, "continues " + previous.id(), now, now, null);
        runs.create(run);
        runs.assign(id, instance, null);
        long budget = request.maxCredits() != null ? request.maxCredits() : config.maxCredits();
        worker.submit(() -> execute(id, budget));
        return run;
    }

    private void execute(String runId, long budget) {
        if (!runs.lease(instance, Instant.now(), Instant.now().plus(LEASE))) {
            LOG.warnf("Re-scoring run %s not started: another instance holds the re-scoring lease", runId);
            return;
        }
        RescoringRun current = runs.find(runId).orElseThrow();
        if (!current.state().equals("running")) {
            // Another instance finished it while this one waited for the lease.
            runs.release(instance);
            return;
        }
        Progress p = new Progress(current, budget);
        executing = runId;
        try {
            if (p.phase.equals("scoring")) {
                score(p);
            }
            if (p.phase.equals("converting")) {
                convert(p);
            }
            if (p.state.equals("running")) {
                p.state = "completed";
                p.phase = "done";
                p.finishedAt = Instant.now();
            }
        } catch (BudgetExhausted e) {
            p.resetToMark();
            p.state = "stopped_budget";
            p.message = "Stopped at the credit budget of " + budget + "; the next run continues from page " + p.cursorPage;
            p.finishedAt = Instant.now();
        } catch (ZohoException e) {
            p.state = "interrupted";
            p.message = "Zoho failed: " + e.error() + "; the next run continues from page " + p.cursorPage;
            p.finishedAt = Instant.now();
        } catch (RuntimeException e) {
            LOG.error("Re-scoring run " + runId + " failed", e);
            p.state = "failed";
            p.message = "Failed: " + e.getMessage();
            p.finishedAt = Instant.now();
        } finally {
            runs.save(p.snapshot());
            executing = null;
            runs.release(instance);
        }
        LOG.infof("Re-scoring run %s %s: %d scanned, %d changed, %d unchanged, %d converted, %d failed, %d calls, %d credits",
                runId, p.state, p.scanned, p.changed, p.unchanged, p.converted, p.failed, p.calls, p.credits);
    }

    private void score(Progress p) {
        List<String> fields = mapping.apiNames(ZohoModule.LEADS);
        if (p.total == null) {
            p.spend(1);
            p.total = (int) zoho.countOpenLeads();
            runs.save(p.snapshot());
        }
        LeadPage.Cursor cursor = new LeadPage.Cursor(p.cursorPage, p.cursorToken);
        boolean restarted = false;
        PageReader pages = new PageReader(fields);
        try {
            while (cursor != null) {
                LeadPage page;
                try {
                    page = pages.read(p, cursor);
                } catch (ZohoException e) {
                    if (e.retryable() || cursor.pageToken() == null || restarted) {
                        throw e;
                    }
                    // A page token kept across a pause has expired: read from the start again; the leads this chain
                    // has handled are skipped, so none is written twice.
                    LOG.warnf("Re-scoring run %s: page token refused (%s); reading again from the first page", p.id, e.error().code());
                    restarted = true;
                    cursor = LeadPage.Cursor.FIRST;
                    continue;
                }
                cursor = scorePage(p, page, pages);
            }
        } finally {
            pages.cancel();
        }
    }

    /**
     * Reads pages of open leads. Pages come one after another (each page's token leads to the next), so the next
     * page can be read while the current one is scored and written: a run then takes about one read per page
     * rather than a read plus the writes.
     */
    private final class PageReader {
        private final List<String> fields;
        private LeadPage.Cursor aheadCursor;
        private Future<LeadPage> ahead;

        PageReader(List<String> fields) {
            this.fields = fields;
        }

        /** The page at {@code cursor}: the one read ahead, or read now. */
        LeadPage read(Progress p, LeadPage.Cursor cursor) {
            if (ahead != null && cursor.equals(aheadCursor)) {
                Future<LeadPage> page = ahead;
                ahead = null;
                return await(page);
            }
            cancel();
            p.spend(1);
            return zoho.openLeads(fields, cursor, config.pageSize());
        }

        /** Starts reading the page at {@code cursor}; its credit is counted now, as the call is made now. */
        void readAhead(Progress p, LeadPage.Cursor cursor) {
            p.spend(1);
            aheadCursor = cursor;
            ahead = reader.submit(() -> zoho.openLeads(fields, cursor, config.pageSize()));
        }

        void cancel() {
            if (ahead != null) {
                ahead.cancel(true);
                ahead = null;
            }
        }
    }

    /**
     * Scores and writes one page and saves its checkpoint; the next page is read meanwhile when the budget allows
     * that read on top of the most this page's writes can cost. Answers the next page's cursor, or null after the
     * last page.
     */
    private LeadPage.Cursor scorePage(Progress p, LeadPage page, PageReader pages) {
        LeadPage.Cursor next = page.next();
        if (next != null && p.affords((p.dryRun ? 0 : updateCredits(page.records().size())) + 1)) {
            pages.readAhead(p, next);
        }
        // A page counts only once its writes are done and its checkpoint saved.
        p.mark();
        Set<String> done = runs.handled(p.chainId, page.records().stream().map(ZohoRecord::id).toList());
        List<String> emails = page.records().stream().filter(r -> r.email() != null).map(r -> normalise(r.email())).distinct().toList();
        Map<String, StoredProspect> locals = intakes.prospects(emails);
        Map<String, List<org.leadscoring.scoring.Activity>> activities = intakes.activities(emails);
        List<RunStore.LeadOutcome> outcomes = new ArrayList<>();
        List<CrmSync.Assessment> updates = new ArrayList<>();
        for (ZohoRecord lead : page.records()) {
            if (done.contains(lead.id()) || lead.email() == null) {
                continue;
            }
            p.scanned++;
            try {
                String email = normalise(lead.email());
                outcomes.add(rescore(p, lead, locals.get(email), activities.getOrDefault(email, List.of()), updates));
            } catch (ZohoException e) {
                throw e;
            } catch (RuntimeException e) {
                // One lead the rules cannot score (a looping rule …) is reported and skipped.
                p.failed++;
                outcomes.add(new RunStore.LeadOutcome(lead.id(), lead.email(), "failed", null, null, String.valueOf(e.getMessage())));
            }
        }
        if (!updates.isEmpty()) {
            writeChanges(p, updates, outcomes);
        }
        p.pagesDone++;
        p.cursorPage = next == null ? p.cursorPage : next.page();
        p.cursorToken = next == null ? null : next.pageToken();
        if (next == null) {
            p.phase = "converting";
            p.cursorPage = 1;
        }
        runs.checkpoint(p.snapshot(), outcomes);
        p.mark();
        LOG.infof("Re-scoring run %s: page %d, %d of %s scanned, %d changed, %d credits", p.id, p.pagesDone, p.scanned,
                p.total == null ? "?" : p.total, p.changed, p.credits);
        runs.lease(instance, Instant.now(), Instant.now().plus(LEASE));
        return next;
    }

    /** The credits Zoho charges to update {@code records} records: one per ten, per call of at most a hundred. */
    private static long updateCredits(int records) {
        long credits = 0;
        for (int from = 0; from < records; from += ZohoCrm.MAX_BATCH) {
            credits += (Math.min(records, from + ZohoCrm.MAX_BATCH) - from + 9) / 10;
        }
        return credits;
    }

    private static LeadPage await(Future<LeadPage> page) {
        try {
            return page.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading leads", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private RunStore.LeadOutcome rescore(Progress p, ZohoRecord lead, StoredProspect local, List<org.leadscoring.scoring.Activity> activities,
            List<CrmSync.Assessment> updates) {
        String email = normalise(lead.email());
        CrmSync.Assessment a = sync.assess(new CrmSync.Subject(email, local, activities, lead), p.model, p.scoringNow);
        p.rulesetVersion = a.result().rulesetVersion();
        Integer oldScore = number(lead.fields().get(mapping.apiName(ZohoModule.LEADS, "score")));
        Integer newScore = a.card().total();
        boolean converts = a.action() == DecisionAction.CONVERT_LEAD;
        if (!a.changes().isEmpty()) {
            updates.add(a);
        }
        if (converts) {
            ProspectReport report = ProspectReport.of(email, a.result(), a.result().decision().reasons(),
                    new ProspectReport.Placement(ZohoModule.CONTACTS.apiName(), null, lead.id()));
            return new RunStore.LeadOutcome(lead.id(), email, "to_convert", oldScore, newScore, null,
                    sync.write(new PendingConversion(report, a.edge(), HookPayload.Origin.rescoring(p.id, lead.id()))));
        }
        if (!p.dryRun && local != null && (local.armed() != a.edge().armed() || local.qualified() != a.card().qualified())) {
            // Decay re-arms a prospect for a new qualification, as a lower score from an intake would.
            sync.record(a, CrmSync.Carried.scored(new ProspectReport.Placement(ZohoModule.LEADS.apiName(), lead.id(), null),
                    a.result().decision().reasons()), HookPayload.Origin.rescoring(p.id, lead.id()), () -> { });
        }
        if (!a.changes().isEmpty()) {
            p.changed++;
            return new RunStore.LeadOutcome(lead.id(), email, p.dryRun ? "would_change" : "changed", oldScore, newScore, null);
        }
        p.unchanged++;
        return new RunStore.LeadOutcome(lead.id(), email, "unchanged", oldScore, newScore, null);
    }

    private void writeChanges(Progress p, List<CrmSync.Assessment> updates, List<RunStore.LeadOutcome> outcomes) {
        if (p.dryRun) {
            return;
        }
        for (int from = 0; from < updates.size(); from += ZohoCrm.MAX_BATCH) {
            p.spend(updateCredits(Math.min(updates.size() - from, ZohoCrm.MAX_BATCH)));
        }
        List<RecordOutcome> results = sync.writeChanges(ZohoModule.LEADS, updates);
        for (int i = 0; i < results.size(); i++) {
            RecordOutcome r = results.get(i);
            if (!r.success()) {
                String id = updates.get(i).subject().record().id();
                for (int j = 0; j < outcomes.size(); j++) {
                    RunStore.LeadOutcome o = outcomes.get(j);
                    if (o.leadId().equals(id)) {
                        if (o.outcome().equals("changed")) {
                            p.changed--;
                        }
                        p.failed++;
                        outcomes.set(j, new RunStore.LeadOutcome(id, o.email(), "failed", o.oldScore(), o.newScore(), r.error().toString()));
                    }
                }
            }
        }
    }

    private void convert(Progress p) {
        for (RunStore.LeadOutcome o : runs.outcomes(p.chainId, "to_convert", Integer.MAX_VALUE)) {
            if (p.dryRun) {
                runs.setOutcome(p.chainId, o.leadId(), p.id, "would_convert", null);
                p.converted++;
                p.mark();
                continue;
            }
            p.spend(5);
            try {
                Conversion c = sync.convert(o.leadId());
                runs.setOutcome(p.chainId, o.leadId(), p.id, "converted", c.alreadyConverted() ? "already converted"
                        : c.scheduledJobId() != null ? "scheduled by Zoho as job " + c.scheduledJobId() : null);
                sync.converted(read(o.conversionJson()), c);
                p.converted++;
                p.mark();
            } catch (ZohoException e) {
                if (e.retryable()) {
                    throw e;
                }
                runs.setOutcome(p.chainId, o.leadId(), p.id, "failed", e.error().toString());
                p.failed++;
                p.mark();
            }
        }
    }

    private PendingConversion read(String conversionJson) {
        try {
            return json.readValue(conversionJson, PendingConversion.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable pending conversion", e);
        }
    }

    private static String normalise(String email) {
        return email.trim().toLowerCase(java.util.Locale.ROOT);
    }

    private static Integer number(Object v) {
        if (v == null) {
            return null;
        }
        try {
            return new java.math.BigDecimal(v.toString()).intValue();
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The run's mutable progress while it executes; saved as a {@link RescoringRun} at each checkpoint. */
    private static final class Progress {
        final String id;
        final String chainId;
        final boolean dryRun;
        final String model;
        final Instant scoringNow;
        final RescoringRun start;
        final long budget;
        String state = "running";
        String phase;
        String rulesetVersion;
        int cursorPage;
        String cursorToken;
        int pagesDone;
        Integer total;
        int scanned;
        int unchanged;
        int changed;
        int converted;
        int failed;
        long calls;
        long credits;
        String message;
        Instant finishedAt;

        Progress(RescoringRun r, long budget) {
            this.start = r;
            this.id = r.id();
            this.chainId = r.chainId();
            this.dryRun = r.dryRun();
            this.model = r.model();
            this.scoringNow = r.scoringNow();
            this.budget = budget;
            this.phase = r.phase();
            this.rulesetVersion = r.rulesetVersion();
            this.cursorPage = r.cursorPage();
            this.cursorToken = r.cursorToken();
            this.pagesDone = r.pagesDone();
            this.total = r.total();
            this.scanned = r.scanned();
            this.unchanged = r.unchanged();
            this.changed = r.changed();
            this.converted = r.converted();
            this.failed = r.failed();
            this.calls = r.calls();
            this.credits = r.credits();
            this.message = r.message();
        }

        private int[] marked;

        /** Remembers the counts at the start of a page. */
        void mark() {
            marked = new int[] { scanned, unchanged, changed, converted, failed };
        }

        /** Forgets what a page that was not finished counted; the calls it made stay counted. */
        void resetToMark() {
            if (marked != null) {
                scanned = marked[0];
                unchanged = marked[1];
                changed = marked[2];
                converted = marked[3];
                failed = marked[4];
            }
        }

        /** Whether calls costing {@code cost} more credits stay within the budget. */
        boolean affords(long cost) {
            return credits + cost <= budget;
        }

        /** Counts a call about to be made, or stops the run when it would go over the budget. */
        void spend(long cost) {
            if (credits + cost > budget) {
                throw new BudgetExhausted();
            }
            credits += cost;
            calls++;
        }

        RescoringRun snapshot() {
            return new RescoringRun(id, chainId, state, phase, dryRun, model, rulesetVersion, scoringNow, start.trigger(), cursorPage, cursorToken,
                    pagesDone, total, scanned, unchanged, changed, converted, failed, calls, credits, message, start.startedAt(), Instant.now(), finishedAt);
        }
    }

    /** The next call would spend more credits than the run may. */
    private static final class BudgetExhausted extends RuntimeException {
        BudgetExhausted() {
            super(null, null, false, false);
        }
    }
}
