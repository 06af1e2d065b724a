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
import org.leadscoring.config.Workers;
import org.leadscoring.crm.CrmSync;
import org.leadscoring.crm.PendingConversion;
import org.leadscoring.crm.zoho.Conversion;
import org.leadscoring.crm.zoho.CreditBudget;
import org.leadscoring.crm.zoho.FieldMapping;
import org.leadscoring.crm.zoho.LeadPage;
import org.leadscoring.crm.zoho.ZohoCrm;
import org.leadscoring.crm.zoho.ZohoException;
import org.leadscoring.crm.zoho.ZohoModule;
import org.leadscoring.crm.zoho.ZohoRecord;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Executes one re-scoring run: pages through the open Leads (all, or those Zoho modified), has {@link LeadScorer} score
 * and write each page while the next is read and the previous one's writes go out, scores the Leads with activities
 * from their stored fields (incremental runs), then converts the Leads that crossed the threshold. Each page is a
 * checkpoint saved with its Leads' outcomes, so a crash or a budget stop resumes from the last page and no Lead is
 * written twice in a chain of runs. A little over ~300 lines: the three phases and the page pipeline share the run's
 * progress and checkpoint, which is clearer in one place than passed between classes.
 */
@ApplicationScoped
public class RunExecutor {

    private static final Logger LOG = Logger.getLogger(RunExecutor.class);

    @Inject
    RunRepository runs;

    @Inject
    RunLease lease;

    @Inject
    ZohoCrm zoho;

    @Inject
    FieldMapping mapping;

    @Inject
    LeadScorer scorer;

    @Inject
    LeadSnapshots snapshots;

    @Inject
    CrmSync sync;

    @Inject
    RescoringConfig config;

    @Inject
    ObjectMapper json;

    private final ExecutorService reader = Workers.pool("rescoring-read-ahead", 1);
    /** Sends a page's writes while the next page is scored. */
    private final ExecutorService writer = Workers.pool("rescoring-writes", 1);

    @PreDestroy
    void stop() {
        reader.shutdownNow();
        writer.shutdownNow();
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
            p.budget.within(() -> {
                if (p.phase == RunPhase.SCORING) {
                    score(p);
                }
                if (p.phase == RunPhase.DECAYING) {
                    decaying(p);
                }
                if (p.phase == RunPhase.CONVERTING) {
                    convert(p);
                }
            });
            p.end(RunState.COMPLETED, null);
        } catch (CreditBudget.Exhausted e) {
            p.end(RunState.STOPPED_BUDGET, "Stopped at the credit budget of " + budget + "; the next run continues from " + p.where());
        } catch (ZohoException e) {
            p.end(RunState.INTERRUPTED, "Zoho failed: " + e.error() + "; the next run continues from " + p.where());
        } catch (RuntimeException e) {
            LOG.error("Re-scoring run " + runId + " failed", e);
            p.end(RunState.FAILED, "Failed: " + e.getMessage());
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
            p.total = (int) zoho.countOpenLeads();
            runs.save(p.snapshot());
        }
        LeadPage.Cursor cursor = p.cursor();
        boolean restarted = false;
        LeadPager pages = pager(p);
        Writing writing = null;
        try {
            while (cursor != null) {
                LeadPage page;
                try {
                    page = pages.read(cursor);
                } catch (ZohoException e) {
                    if (e.retryable() || restarted) {
                        throw e;
                    }
                    restarted = true;
                    // The page whose writes are going out is saved before reading anything again.
                    finish(p, writing);
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
                    cursor = LeadPage.Cursor.FIRST;
                    continue;
                }
                writing = scorePage(p, page, pages, writing);
                cursor = writing.next();
            }
            finish(p, writing);
            writing = null;
        } finally {
            pages.close();
            if (writing != null) {
                // Something failed while a page's writes were going out: they finish, and the page is saved, first.
                finishQuietly(p, writing);
            }
        }
    }

    /** The pages of Leads as the run reads them: all open ones, or those Zoho modified since (incremental, by COQL). */
    private LeadPager pager(RunProgress p) {
        List<String> fields = mapping.apiNames(ZohoModule.LEADS);
        if (p.scope().mode() == RunMode.INCREMENTAL) {
            Instant since = p.scope().modifiedSince();
            return new LeadPager(cursor -> zoho.leadsModifiedSince(fields, since, cursor, config.querySize()), ZohoCrm.coqlCredits(config.querySize()),
                    reader, p.budget);
        }
        return p.reader == RunReader.COQL
                ? new LeadPager(cursor -> zoho.openLeadsByQuery(fields, cursor, config.querySize()), ZohoCrm.coqlCredits(config.querySize()), reader,
                        p.budget)
                : new LeadPager(cursor -> zoho.openLeads(fields, cursor, config.pageSize()), 1, reader, p.budget);
    }

    /** A page scored whose writes are going out; its checkpoint is saved once they are done. */
    private record Writing(Future<LeadScorer.Scored> writes, LeadPage.Cursor next, List<String> converted, int candidates) {
    }

    /**
     * Scores one page while the previous page's writes go out, then saves that page and sends this one's writes. The
     * next page is read meanwhile when the budget allows that read on top of the most this page's writes can cost. A
     * page then takes about as long as the longest of its read, its scoring and its writes, not their sum.
     */
    private Writing scorePage(RunProgress p, LeadPage page, LeadPager pages, Writing previous) {
        LeadPage.Cursor next = page.next();
        if (next != null) {
            pages.readAhead(next, p.dryRun() ? 0 : ZohoCrm.updateCredits(page.records().size()));
        }
        List<ZohoRecord> open = new ArrayList<>();
        List<String> converted = new ArrayList<>();
        for (ZohoRecord lead : page.records()) {
            // Only the incremental read answers converted Leads (it must, to forget them): never scored, never written.
            if (Boolean.TRUE.equals(lead.fields().get("Converted__s"))) {
                converted.add(lead.id());
            } else {
                open.add(lead);
            }
        }
        LeadScorer.Assessed assessed = scorer.assess(p, open);
        finish(p, previous);
        return new Writing(writer.submit(() -> p.budget.within(() -> scorer.write(p, assessed))), next, converted, open.size());
    }

    /** Waits for a page's writes and saves its checkpoint: a page counts only once both are done. */
    private void finish(RunProgress p, Writing w) {
        if (w == null) {
            return;
        }
        LeadScorer.Scored scored = Workers.await(w.writes(), "writing Leads");
        p.add(scored.tally());
        if (p.scope().mode() == RunMode.INCREMENTAL) {
            p.candidates = (p.candidates == null ? 0 : p.candidates) + w.candidates();
        }
        p.pagesDone++;
        if (w.next() != null) {
            p.advance(w.next());
        } else {
            p.phase = p.scope().mode() == RunMode.INCREMENTAL ? RunPhase.DECAYING : RunPhase.CONVERTING;
            p.advance(LeadPage.Cursor.FIRST);
        }
        List<String> forget = new ArrayList<>(w.converted());
        forget.addAll(scored.gone());
        runs.checkpoint(p.snapshot(), scored.outcomes(), scored.standing(), forget);
        if (w.next() == null && p.scope().mode() == RunMode.FULL) {
            runs.find(p.chainId()).ifPresent(first -> snapshots.forgetReadBefore(first.timing().startedAt()));
        }
        LOG.infof("Re-scoring run %s: page %d, %d of %s scanned, %d changed, %d credits", p.id(), p.pagesDone, p.scanned,
                p.total == null ? "?" : p.total, p.changed, p.credits());
        lease.take();
    }

    private void finishQuietly(RunProgress p, Writing w) {
        try {
            finish(p, w);
        } catch (RuntimeException e) {
            LOG.debugf("Re-scoring run %s: the page being written when the run stopped was not saved (%s)", p.id(), e.getMessage());
        }
    }

    /**
     * The second part of an incremental run: the Leads Zoho has not modified but whose person has stored activities,
     * scored at the run's moment from the fields stored at their last read (no Zoho read), a page at a time.
     */
    private void decaying(RunProgress p) {
        while (true) {
            List<ZohoRecord> page = snapshots.withActivities(p.cursorAfterId, config.querySize());
            LeadScorer.Scored scored = scorer.score(p, page);
            p.add(scored.tally());
            p.candidates = (p.candidates == null ? 0 : p.candidates) + scored.tally().scanned;
            p.pagesDone++;
            boolean last = page.size() < config.querySize();
            if (last) {
                p.phase = RunPhase.CONVERTING;
                p.advance(LeadPage.Cursor.FIRST);
            } else {
                p.advance(LeadPage.Cursor.after(page.get(page.size() - 1).id()));
            }
            runs.checkpoint(p.snapshot(), scored.outcomes(), scored.standing(), scored.gone());
            lease.take();
            if (last) {
                return;
            }
        }
    }

    private void convert(RunProgress p) {
        for (LeadOutcome o : runs.outcomes(p.chainId(), LeadOutcome.Kind.TO_CONVERT, Integer.MAX_VALUE)) {
            if (p.dryRun()) {
                runs.setOutcome(p.chainId(), o.leadId(), p.id(), LeadOutcome.Kind.WOULD_CONVERT, null);
                p.converted++;
                continue;
            }
            try {
                Conversion c = sync.convert(o.leadId());
                runs.setOutcome(p.chainId(), o.leadId(), p.id(), LeadOutcome.Kind.CONVERTED, c.alreadyConverted() ? "already converted"
                        : c.scheduledJobId() != null ? "scheduled by Zoho as job " + c.scheduledJobId() : null);
                sync.converted(read(o.conversionJson()), c);
                // A converted Lead is never scored again: an incremental run must not find it among the stored ones.
                snapshots.remove(List.of(o.leadId()));
                p.converted++;
            } catch (ZohoException e) {
                if (e.retryable()) {
                    throw e;
                }
                runs.setOutcome(p.chainId(), o.leadId(), p.id(), LeadOutcome.Kind.FAILED, e.error().toString());
                p.failed++;
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
}
