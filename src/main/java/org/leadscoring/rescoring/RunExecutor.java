package org.leadscoring.rescoring;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.leadscoring.crm.CreditBudget;
import org.leadscoring.crm.Crm;
import org.leadscoring.crm.CrmException;
import org.leadscoring.crm.CrmRecord;
import org.leadscoring.crm.FieldMapping;
import org.leadscoring.crm.RecordKind;
import org.leadscoring.crm.RecordPage;
import org.leadscoring.jobs.Lease;
import org.leadscoring.jobs.RunState;
import org.leadscoring.jobs.Runs;
import org.leadscoring.jobs.Workers;

/**
 * Executes one re-scoring run: pages through the open Leads (all, or those Zoho modified), has {@link LeadScorer} score
 * and write each page while the next is read and the previous ones' writes and checkpoints go out, scores the Leads
 * with activities from their stored fields (incremental runs), then has {@link LeadConverter} convert the Leads that
 * crossed the threshold. Each page is a checkpoint saved with its Leads' outcomes, so a crash or a budget stop resumes
 * from the last page and no Lead is written twice in a chain of runs. A little over ~300 lines: the phases and the page
 * pipeline share the run's progress and checkpoint, which is clearer in one place than passed between classes.
 */
@ApplicationScoped
public class RunExecutor {

    private static final Logger LOG = Logger.getLogger(RunExecutor.class);

    private final RunRepository runs;
    private final Runs jobs;
    private final Crm crm;
    private final FieldMapping mapping;
    private final LeadScorer scorer;
    private final LeadSnapshots snapshots;
    private final LeadConverter converter;
    private final RescoringConfig config;
    private final Lease lease;

    @Inject
    RunExecutor(RunRepository runs, Runs jobs, Crm crm, FieldMapping mapping, LeadScorer scorer, LeadSnapshots snapshots, LeadConverter converter,
            RescoringConfig config) {
        this.runs = runs;
        this.jobs = jobs;
        this.crm = crm;
        this.mapping = mapping;
        this.scorer = scorer;
        this.snapshots = snapshots;
        this.converter = converter;
        this.config = config;
        this.lease = jobs.lease(RescoringRuns.LEASE);
    }


    private final ExecutorService reader = Workers.pool("rescoring-read-ahead", 1);
    /** Sends pages' writes while the next page is scored: two pages at once at most. */
    private final ExecutorService writer = Workers.pool("rescoring-writes", 2);
    /** Saves a page's checkpoint once its writes are done, while the next page's writes go out. */
    private final ExecutorService saver = Workers.pool("rescoring-checkpoints", 1);

    @PreDestroy
    void stop() {
        reader.shutdownNow();
        writer.shutdownNow();
        saver.shutdownNow();
    }

    /**
     * Executes the run {@code runId} from its checkpoint, within {@code budget} credits for the whole run, and saves
     * how it ended. Does nothing when another instance holds the lease or the run is no longer running.
     */
    void execute(String runId, long budget) {
        if (!lease.take()) {
            LOG.warnf("Re-scoring run %s not started: another instance holds the re-scoring lease", runId);
            return;
        }
        RescoringRun current = runs.find(runId).orElseThrow();
        if (current.state() != RunState.RUNNING) {
            // Another instance finished it while this one waited for the lease.
            lease.release();
            return;
        }
        RunProgress p = new RunProgress(current, budget);
        try {
            Runs.Ending ending = jobs.execute("Re-scoring run " + runId, p.budget, p::where, () -> {
                if (p.phase == RunPhase.SCORING) {
                    score(p);
                }
                if (p.phase == RunPhase.DECAYING) {
                    decaying(p);
                }
                if (p.phase == RunPhase.CONVERTING) {
                    converter.convertAll(p);
                }
            });
            p.end(ending.state(), ending.message());
        } finally {
            runs.save(p.snapshot());
            lease.release();
        }
        RescoringRun ended = p.snapshot();
        LOG.infof("Re-scoring run %s %s: %d scanned, %d changed, %d unchanged, %d converted, %d failed, %d calls, %d credits", runId,
                ended.state().code(), p.scanned, p.changed, p.unchanged, p.converted, p.failed, ended.cost().calls(), ended.cost().credits());
    }

    private void score(RunProgress p) {
        if (p.total == null) {
            // For progress: the open Leads as of the last read, kept here; Zoho's count (a call) only before any was read.
            long known = snapshots.count();
            p.total = (int) (known > 0 ? known : crm.chargedTo(p.budget).countOpenLeads());
            runs.save(p.snapshot());
        }
        RecordPage.Cursor cursor = p.cursor();
        boolean restarted = false;
        LeadPager pages = pager(p);
        Writing writing = null;
        try {
            while (cursor != null) {
                RecordPage page;
                try {
                    page = pages.read(cursor);
                } catch (CrmException e) {
                    if (e.retryable() || restarted) {
                        throw e;
                    }
                    restarted = true;
                    // The page whose writes are going out is saved before reading anything again.
                    await(writing);
                    writing = null;
                    pages.close();
                    if (p.reader == RunReader.COQL) {
                        // Zoho refused the query (a scope, or a criterion it does not take): list pages instead, from the
                        // start; the Leads this chain has handled are skipped, so none is written twice.
                        LOG.warnf("Re-scoring run %s: Zoho refused the COQL read (%s); reading by pages", p.id(), e.error().code());
                        p.reader = RunReader.PAGES;
                        p.message = "Zoho refused the COQL read (" + e.error().code() + "); read by pages instead";
                        if (p.scope().mode() == RunMode.INCREMENTAL) {
                            // Pages cannot ask for what was modified: this run reads everything.
                            p.scope = RescoringRun.Scope.full("Zoho refused the COQL read of modified Leads (" + e.error().code() + ")");
                            p.candidates = null;
                        }
                        pages = pager(p);
                    } else if (cursor.pageToken() == null) {
                        throw e;
                    } else {
                        // A page token kept across a pause has expired: read from the start again, skipping what was handled.
                        LOG.warnf("Re-scoring run %s: page token refused (%s); reading again from the first page", p.id(), e.error().code());
                    }
                    cursor = RecordPage.Cursor.FIRST;
                    continue;
                }
                writing = scorePage(p, page, pages, writing);
                cursor = writing.next();
            }
            await(writing);
            writing = null;
        } finally {
            pages.close();
            if (writing != null) {
                // Something failed while a page's writes were going out: they finish, and the page is saved, first.
                awaitQuietly(p, writing);
            }
        }
    }

    /** The pages of Leads as the run reads them: all open ones, or those Zoho modified since (incremental, by COQL). */
    private LeadPager pager(RunProgress p) {
        List<String> fields = mapping.apiNames(RecordKind.LEADS);
        Crm charged = crm.chargedTo(p.budget);
        if (p.scope().mode() == RunMode.INCREMENTAL) {
            Instant since = p.scope().modifiedSince();
            return new LeadPager(cursor -> charged.leadsModifiedSince(fields, since, cursor, config.querySize()), crm.queryCredits(config.querySize()),
                    reader, p.budget);
        }
        return p.reader == RunReader.COQL
                ? new LeadPager(cursor -> charged.openLeadsByQuery(fields, cursor, config.querySize()), crm.queryCredits(config.querySize()), reader,
                        p.budget)
                : new LeadPager(cursor -> charged.openLeads(fields, cursor, config.pageSize()), 1, reader, p.budget);
    }

    /**
     * A page scored, handed on: its writes go out on a writer thread while the next page's may too, then its checkpoint
     * is saved on the saver thread after the previous page's. {@code writtenBefore} and {@code savedBefore} are the
     * previous page's.
     */
    private record Writing(Future<LeadScorer.Scored> written, Future<?> saved, Future<?> writtenBefore, Future<?> savedBefore,
            RecordPage.Cursor next) {
    }

    /** A page as the saver saves it once its writes are done. */
    private record Page(RecordPage.Cursor next, List<String> converted, int candidates) {
    }

    /**
     * Scores one page while earlier pages' writes go out and their checkpoints are saved, then hands this one on. The
     * next page is read meanwhile when the budget allows that read on top of the most this page's writes can cost.
     * <p>
     * Two pages' writes may go out at once, so Zoho's calls in flight stay full from one page to the next; a page's
     * write credits are reserved here, in page order, before any of its writes goes out, so a page is written whole or
     * not at all. Checkpoints are saved in page order, each once its page's writes are done, and none after one that
     * failed. A page then takes about as long as the longest of its read, its scoring, its writes and its checkpoint.
     */
    private Writing scorePage(RunProgress p, RecordPage page, LeadPager pages, Writing previous) {
        RecordPage.Cursor next = page.next();
        if (next != null) {
            pages.readAhead(next, p.dryRun() ? 0 : crm.writeCredits(page.records().size()));
        }
        List<CrmRecord> open = new ArrayList<>();
        List<String> converted = new ArrayList<>();
        for (CrmRecord lead : page.records()) {
            // Only the incremental read answers converted Leads (it must, to forget them): never scored, never written.
            if (lead.converted()) {
                converted.add(lead.id());
            } else {
                open.add(lead);
            }
        }
        LeadScorer.Assessed assessed = scorer.assess(p, open);
        if (previous != null) {
            // The page before the previous one: written and saved before a third page's writes start.
            awaitDone(previous.writtenBefore());
            awaitDone(previous.savedBefore());
        }
        CreditBudget.Reserved credits = p.budget.reserve(assessed.writeCredits());
        Future<LeadScorer.Scored> written = writer.submit(() -> {
            try (credits) {
                return scorer.write(p, assessed, credits.allowance());
            }
        });
        Future<?> savedBefore = previous == null ? null : previous.saved();
        Page done = new Page(next, converted, open.size());
        Future<?> saved = saver.submit(() -> {
            awaitDone(savedBefore);
            save(p, Workers.await(written, "writing Leads"), done);
        });
        return new Writing(written, saved, previous == null ? null : previous.written(), savedBefore, next);
    }

    /** Waits until a page and those before it are written and saved: a page counts only once both are done. */
    private static void await(Writing w) {
        if (w != null) {
            awaitDone(w.written());
            awaitDone(w.saved());
        }
    }

    private static void awaitDone(Future<?> work) {
        if (work != null) {
            Workers.await(work, "writing and saving pages");
        }
    }

    private void awaitQuietly(RunProgress p, Writing w) {
        try {
            await(w);
        } catch (RuntimeException e) {
            LOG.debugf("Re-scoring run %s: the page being written when the run stopped was not saved (%s)", p.id(), e.getMessage());
        }
    }

    /** Saves a page's checkpoint once its writes are done (on the saver thread, one page at a time, in order). */
    private void save(RunProgress p, LeadScorer.Scored scored, Page page) {
        p.add(scored.tally());
        if (p.scope().mode() == RunMode.INCREMENTAL) {
            p.candidates = (p.candidates == null ? 0 : p.candidates) + page.candidates();
        }
        p.pagesDone++;
        if (page.next() != null) {
            p.advance(page.next());
        } else {
            p.phase = p.scope().mode() == RunMode.INCREMENTAL ? RunPhase.DECAYING : RunPhase.CONVERTING;
            p.advance(RecordPage.Cursor.FIRST);
        }
        List<String> forget = new ArrayList<>(page.converted());
        forget.addAll(scored.gone());
        runs.checkpoint(p.snapshot(), scored.outcomes(), scored.standing(), forget);
        if (page.next() == null && p.scope().mode() == RunMode.FULL) {
            runs.find(p.chainId()).ifPresent(first -> snapshots.forgetReadBefore(first.timing().startedAt()));
        }
        LOG.infof("Re-scoring run %s: page %d, %d of %s scanned, %d changed, %d credits", p.id(), p.pagesDone, p.scanned,
                p.total == null ? "?" : p.total, p.changed, p.credits());
        lease.take();
    }

    /**
     * The second part of an incremental run: the Leads Zoho has not modified but whose person has stored activities,
     * scored at the run's moment from the fields stored at their last read (no Zoho read), a page at a time.
     */
    private void decaying(RunProgress p) {
        while (true) {
            List<CrmRecord> page = snapshots.withActivities(p.cursorAfterId, config.querySize());
            LeadScorer.Scored scored = scorer.score(p, page);
            p.add(scored.tally());
            p.candidates = (p.candidates == null ? 0 : p.candidates) + scored.tally().scanned;
            p.pagesDone++;
            boolean last = page.size() < config.querySize();
            if (last) {
                p.phase = RunPhase.CONVERTING;
                p.advance(RecordPage.Cursor.FIRST);
            } else {
                p.advance(RecordPage.Cursor.after(page.get(page.size() - 1).id()));
            }
            runs.checkpoint(p.snapshot(), scored.outcomes(), scored.standing(), scored.gone());
            lease.take();
            if (last) {
                return;
            }
        }
    }
}
