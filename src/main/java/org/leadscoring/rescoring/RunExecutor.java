package org.leadscoring.rescoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.leadscoring.config.Workers;
import org.leadscoring.crm.CrmSync;
import org.leadscoring.crm.HookPayload;
import org.leadscoring.crm.PendingConversion;
import org.leadscoring.crm.ProspectReport;
import org.leadscoring.crm.zoho.Conversion;
import org.leadscoring.crm.zoho.CreditBudget;
import org.leadscoring.crm.zoho.FieldMapping;
import org.leadscoring.crm.zoho.LeadPage;
import org.leadscoring.crm.zoho.RecordOutcome;
import org.leadscoring.crm.zoho.ZohoCrm;
import org.leadscoring.crm.zoho.ZohoException;
import org.leadscoring.crm.zoho.ZohoModule;
import org.leadscoring.crm.zoho.ZohoRecord;
import org.leadscoring.scoring.Activity;
import org.leadscoring.scoring.DecisionAction;
import org.leadscoring.store.ProspectRepository;
import org.leadscoring.store.StoredProspect;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Executes one re-scoring run: pages through the open Leads, has {@link CrmSync} assess each from its Zoho fields and
 * the activities stored here, writes back only the scores that changed (a hundred a call, without firing workflows),
 * then converts the Leads that crossed the threshold. Each page is a checkpoint saved with its Leads' outcomes, so a
 * crash or a budget stop resumes from the last page and no Lead is written twice in a chain of runs.
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
    ProspectRepository prospects;

    @Inject
    CrmSync sync;

    @Inject
    RescoringConfig config;

    @Inject
    ObjectMapper json;

    private final ExecutorService reader = Workers.pool("rescoring-read-ahead", 1);

    @PreDestroy
    void stop() {
        reader.shutdownNow();
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
                if (p.phase == RunPhase.CONVERTING) {
                    convert(p);
                }
            });
            p.end(RunState.COMPLETED, null);
        } catch (CreditBudget.Exhausted e) {
            p.resetToMark();
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
        LOG.infof("Re-scoring run %s %s: %d scanned, %d changed, %d unchanged, %d converted, %d failed, %d calls, %d credits", runId,
                p.state.code(), p.scanned, p.changed, p.unchanged, p.converted, p.failed, p.snapshot().cost().calls(), p.credits());
    }

    private void score(RunProgress p) {
        if (p.total == null) {
            p.total = (int) zoho.countOpenLeads();
            runs.save(p.snapshot());
        }
        LeadPage.Cursor cursor = p.cursor();
        boolean restarted = false;
        LeadPager pages = pager(p);
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
                    pages.close();
                    if (p.reader == RunReader.COQL) {
                        // Zoho refused the query (a scope, or a criterion it does not take): list pages instead, from the
                        // start; the Leads this chain has handled are skipped, so none is written twice.
                        LOG.warnf("Re-scoring run %s: Zoho refused the COQL read (%s); reading by pages", p.id(), e.error().code());
                        p.reader = RunReader.PAGES;
                        p.message = "Zoho refused the COQL read (" + e.error().code() + "); read by pages instead";
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
                cursor = scorePage(p, page, pages);
            }
        } finally {
            pages.close();
        }
    }

    /** The pages of open Leads as the run's reader reads them. */
    private LeadPager pager(RunProgress p) {
        List<String> fields = mapping.apiNames(ZohoModule.LEADS);
        return p.reader == RunReader.COQL
                ? new LeadPager(cursor -> zoho.openLeadsByQuery(fields, cursor, config.querySize()), ZohoCrm.coqlCredits(config.querySize()), reader,
                        p.budget)
                : new LeadPager(cursor -> zoho.openLeads(fields, cursor, config.pageSize()), 1, reader, p.budget);
    }

    /**
     * Scores and writes one page and saves its checkpoint; the next page is read meanwhile when the budget allows that
     * read on top of the most this page's writes can cost. Answers the next page's cursor, or null after the last page.
     */
    private LeadPage.Cursor scorePage(RunProgress p, LeadPage page, LeadPager pages) {
        LeadPage.Cursor next = page.next();
        if (next != null) {
            pages.readAhead(next, p.dryRun() ? 0 : ZohoCrm.updateCredits(page.records().size()));
        }
        // A page counts only once its writes are done and its checkpoint saved.
        p.mark();
        Set<String> done = runs.handled(p.chainId(), page.records().stream().map(ZohoRecord::id).toList());
        List<String> emails = page.records().stream().filter(r -> r.email() != null).map(r -> normalise(r.email())).distinct().toList();
        Map<String, StoredProspect> locals = prospects.byEmail(emails);
        Map<String, List<Activity>> activities = prospects.activities(emails);
        List<LeadOutcome> outcomes = new ArrayList<>();
        List<CrmSync.Assessment> updates = new ArrayList<>();
        for (ZohoRecord lead : page.records()) {
            if (done.contains(lead.id()) || lead.email() == null) {
                continue;
            }
            p.scanned++;
            try {
                String email = normalise(lead.email());
                outcomes.add(rescore(p, lead, locals.get(email), activities.getOrDefault(email, List.of()), updates));
            } catch (ZohoException | CreditBudget.Exhausted e) {
                throw e;
            } catch (RuntimeException e) {
                // One Lead the rules cannot score (a looping rule …) is reported and skipped.
                p.failed++;
                outcomes.add(new LeadOutcome(lead.id(), lead.email(), LeadOutcome.Kind.FAILED, null, null, String.valueOf(e.getMessage())));
            }
        }
        writeChanges(p, updates, outcomes);
        p.pagesDone++;
        if (next == null) {
            p.phase = RunPhase.CONVERTING;
            p.advance(LeadPage.Cursor.FIRST);
        } else {
            p.advance(next);
        }
        runs.checkpoint(p.snapshot(), outcomes);
        p.mark();
        LOG.infof("Re-scoring run %s: page %d, %d of %s scanned, %d changed, %d credits", p.id(), p.pagesDone, p.scanned,
                p.total == null ? "?" : p.total, p.changed, p.credits());
        lease.take();
        return next;
    }

    private LeadOutcome rescore(RunProgress p, ZohoRecord lead, StoredProspect local, List<Activity> activities, List<CrmSync.Assessment> updates) {
        String email = normalise(lead.email());
        RescoringRun.Settings settings = p.settings();
        CrmSync.Assessment a = sync.assess(new CrmSync.Subject(email, local, activities, lead), settings.model(), settings.scoringNow());
        p.rulesetVersion = a.result().rulesetVersion();
        Integer oldScore = number(lead.fields().get(mapping.apiName(ZohoModule.LEADS, "score")));
        Integer newScore = a.card().total();
        if (!a.changes().isEmpty()) {
            updates.add(a);
        }
        if (a.action() == DecisionAction.CONVERT_LEAD) {
            ProspectReport report = ProspectReport.of(email, a.result(), a.result().decision().reasons(),
                    new ProspectReport.Placement(ZohoModule.CONTACTS.apiName(), null, lead.id()));
            return new LeadOutcome(lead.id(), email, LeadOutcome.Kind.TO_CONVERT, oldScore, newScore, null,
                    sync.write(new PendingConversion(report, a.edge(), HookPayload.Origin.rescoring(p.id(), lead.id()))));
        }
        if (!p.dryRun() && local != null && (local.armed() != a.edge().armed() || local.qualified() != a.card().qualified())) {
            // Decay re-arms a prospect for a new qualification, as a lower score from an intake would.
            sync.record(a, CrmSync.Carried.scored(new ProspectReport.Placement(ZohoModule.LEADS.apiName(), lead.id(), null),
                    a.result().decision().reasons()), HookPayload.Origin.rescoring(p.id(), lead.id()), () -> { });
        }
        if (!a.changes().isEmpty()) {
            p.changed++;
            return new LeadOutcome(lead.id(), email, p.dryRun() ? LeadOutcome.Kind.WOULD_CHANGE : LeadOutcome.Kind.CHANGED, oldScore, newScore, null);
        }
        p.unchanged++;
        return new LeadOutcome(lead.id(), email, LeadOutcome.Kind.UNCHANGED, oldScore, newScore, null);
    }

    /**
     * Writes a page's changes; a page is written whole or not at all, so the budget must afford all its writes before
     * the first one goes out.
     */
    private void writeChanges(RunProgress p, List<CrmSync.Assessment> updates, List<LeadOutcome> outcomes) {
        if (p.dryRun() || updates.isEmpty()) {
            return;
        }
        p.budget.require(ZohoCrm.updateCredits(updates.size()));
        List<RecordOutcome> results = sync.writeChanges(ZohoModule.LEADS, updates);
        for (int i = 0; i < results.size(); i++) {
            RecordOutcome r = results.get(i);
            if (r.success()) {
                continue;
            }
            String id = updates.get(i).subject().record().id();
            for (int j = 0; j < outcomes.size(); j++) {
                LeadOutcome o = outcomes.get(j);
                if (o.leadId().equals(id)) {
                    if (o.outcome() == LeadOutcome.Kind.CHANGED) {
                        p.changed--;
                    }
                    p.failed++;
                    outcomes.set(j, o.failed(r.error().toString()));
                }
            }
        }
    }

    private void convert(RunProgress p) {
        for (LeadOutcome o : runs.outcomes(p.chainId(), LeadOutcome.Kind.TO_CONVERT, Integer.MAX_VALUE)) {
            if (p.dryRun()) {
                runs.setOutcome(p.chainId(), o.leadId(), p.id(), LeadOutcome.Kind.WOULD_CONVERT, null);
                p.converted++;
                p.mark();
                continue;
            }
            try {
                Conversion c = sync.convert(o.leadId());
                runs.setOutcome(p.chainId(), o.leadId(), p.id(), LeadOutcome.Kind.CONVERTED, c.alreadyConverted() ? "already converted"
                        : c.scheduledJobId() != null ? "scheduled by Zoho as job " + c.scheduledJobId() : null);
                sync.converted(read(o.conversionJson()), c);
                p.converted++;
                p.mark();
            } catch (ZohoException e) {
                if (e.retryable()) {
                    throw e;
                }
                runs.setOutcome(p.chainId(), o.leadId(), p.id(), LeadOutcome.Kind.FAILED, e.error().toString());
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
        return email.trim().toLowerCase(Locale.ROOT);
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
}
