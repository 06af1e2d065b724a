package org.leadscoring.outcomes;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.leadscoring.crm.CreditBudget;
import org.leadscoring.crm.Crm;
import org.leadscoring.crm.OutcomeFact;
import org.leadscoring.crm.RecordKind;
import org.leadscoring.crm.RecordPage;
import org.leadscoring.jobs.Lease;
import org.leadscoring.jobs.RunState;
import org.leadscoring.jobs.Runs;
import org.leadscoring.jobs.Workers;
import org.leadscoring.scoring.EmailAddress;
import org.leadscoring.store.ProspectRepository;
import org.leadscoring.store.StoredProspect;

/**
 * Reads back from Zoho what sales did with the people the service sent, for the prospects it took in: Leads marked by
 * {@code Lead_Status} or converted (when, by whom), the Contacts Leads became (also when sales converted them in Zoho),
 * and the Deals of those Contacts (stage, amount, closing date; won or lost as the stage's forecast type says). Each
 * module is read by COQL on {@code Modified_Time} since the start of the last completed sync, 2,000 a call in id order,
 * within a credit budget of its own ({@code leadscoring.outcomes.max-credits}); every page is a checkpoint, so a sync
 * stopped by its budget or by Zoho is resumed by the next one from where it stopped. With nothing new, a sync costs one
 * call per module.
 */
@ApplicationScoped
public class OutcomeSync {

    private static final Logger LOG = Logger.getLogger(OutcomeSync.class);
    /** Modifications this close before a sync's start may not have been visible to it: the next sync reads them again. */
    static final Duration OVERLAP = Duration.ofMinutes(5);
    /** The modules in the order a sync reads them: a Deal is tied to its prospect through the Contacts read before. */
    static final List<RecordKind> ORDER = List.of(RecordKind.LEADS, RecordKind.CONTACTS, RecordKind.DEALS);

    private final Crm crm;
    private final SyncRepository syncs;
    private final Outcomes outcomes;
    private final ProspectRepository prospects;
    private final OutcomesConfig config;
    private final Runs jobs;
    private final Lease lease;

    @Inject
    OutcomeSync(Crm crm, SyncRepository syncs, Outcomes outcomes, ProspectRepository prospects, OutcomesConfig config, Runs jobs) {
        this.crm = crm;
        this.syncs = syncs;
        this.outcomes = outcomes;
        this.prospects = prospects;
        this.config = config;
        this.jobs = jobs;
        this.lease = jobs.lease("outcome-sync");
    }

    private final ExecutorService worker = Workers.pool("outcome-sync", 1);
    /** The sync this instance is carrying out, if any. */
    private volatile String executing;

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    /**
     * Starts a sync (in the background): continues the last one when it stopped at its budget or on Zoho, else reads
     * what was modified since the start of the last completed one (everything, the first time). {@code maxCredits}:
     * the sync's budget (null: {@code leadscoring.outcomes.max-credits}).
     *
     * @throws SyncInProgressException when a sync is going on
     */
    public synchronized OutcomeSyncRecord start(String trigger, Long maxCredits) {
        Instant now = Instant.now();
        // The lease comes first: of several instances starting at once, one gets it; it is renewed at every page.
        Optional<OutcomeSyncRecord> going = syncs.running();
        if (!lease.take()) {
            throw new SyncInProgressException(going.map(OutcomeSyncRecord::id).orElse("another instance's"));
        }
        if (going.isPresent() && going.get().id().equals(executing)) {
            throw new SyncInProgressException(going.get().id());
        }
        Optional<OutcomeSyncRecord> last = syncs.latest(1).stream().findFirst();
        OutcomeSyncRecord sync;
        String id = "sync_" + id();
        if (last.isPresent() && (last.get().state().resumable() || last.get().state() == RunState.RUNNING)) {
            OutcomeSyncRecord l = last.get();
            if (l.state() == RunState.RUNNING) {
                // Running, but no instance holds the lease: its instance died. It ends here, and this sync continues it.
                syncs.finish(l.id(), RunState.INTERRUPTED, "The instance running it stopped; " + id + " continues it");
            }
            sync = new OutcomeSyncRecord(id, RunState.RUNNING, trigger, l.since(), l.module(), l.afterId(), 0, 0, 0, 0, 0,
                    "Continues " + l.id() + " from " + l.module() + (l.afterId() == null ? "" : " after " + l.afterId()), now, l.chainStartedAt(),
                    now, null);
        } else {
            Instant since = syncs.lastCompleted().map(c -> c.chainStartedAt().minus(OVERLAP)).orElse(null);
            sync = new OutcomeSyncRecord(id, RunState.RUNNING, trigger, since, RecordKind.LEADS.label(), null, 0, 0, 0, 0, 0, null,
                    now, now, now, null);
        }
        syncs.create(sync);
        OutcomeSyncRecord started = sync;
        long budget = maxCredits != null ? maxCredits : config.maxCredits();
        executing = id;
        worker.submit(() -> {
            try {
                run(started, budget);
            } finally {
                executing = null;
                lease.release();
            }
        });
        return sync;
    }

    /** Carries out a sync to its end and records how it ended. */
    void run(OutcomeSyncRecord sync, long maxCredits) {
        Progress p = new Progress(sync);
        CreditBudget budget = CreditBudget.of(maxCredits);
        Runs.Ending ending = jobs.execute("Outcome sync " + sync.id(), budget, p::where, () -> read(p, budget));
        String message = ending.message() == null ? sync.message() : ending.message();
        syncs.checkpoint(p.record(budget));
        syncs.finish(sync.id(), ending.state(), message);
        LOG.infof("Outcome sync %s %s: %d Leads, %d Contacts, %d Deals read; %d calls, %d credits", sync.id(), ending.state().code(), p.leads,
                p.contacts, p.deals, budget.calls(), budget.credits());
    }

    /** A sync's position and counts while it runs. */
    private static final class Progress {
        final OutcomeSyncRecord start;
        String module;
        String afterId;
        int leads;
        int contacts;
        int deals;

        Progress(OutcomeSyncRecord start) {
            this.start = start;
            this.module = start.module();
            this.afterId = start.afterId();
        }

        String where() {
            return module + (afterId == null ? "" : " after " + afterId);
        }

        OutcomeSyncRecord record(CreditBudget budget) {
            return new OutcomeSyncRecord(start.id(), RunState.RUNNING, start.trigger(), start.since(), module, afterId, budget.calls(),
                    budget.credits(), leads, contacts, deals, start.message(), start.startedAt(), start.chainStartedAt(), Instant.now(), null);
        }
    }

    private void read(Progress p, CreditBudget budget) {
        Instant since = p.start.since() == null ? Instant.EPOCH : p.start.since();
        Crm charged = crm.chargedTo(budget);
        for (RecordKind module : ORDER.subList(ORDER.indexOf(moduleOf(p.module)), ORDER.size())) {
            p.module = module.label();
            RecordPage.Cursor cursor = p.afterId == null ? RecordPage.Cursor.FIRST : RecordPage.Cursor.after(p.afterId);
            while (cursor != null) {
                OutcomeFact.Page page = charged.outcomesModifiedSince(module, since, cursor, crm.maxQueryRows());
                take(module, page.facts(), p);
                cursor = page.next();
                p.afterId = cursor == null ? null : cursor.afterId();
                if (cursor != null) {
                    syncs.checkpoint(p.record(budget));
                    lease.take();
                }
            }
            syncs.checkpoint(p.record(budget));
        }
    }

    private static RecordKind moduleOf(String apiName) {
        return ORDER.stream().filter(m -> m.label().equals(apiName)).findFirst().orElse(RecordKind.LEADS);
    }

    /** Stores what one page says of the prospects the service took in; records of anyone else are passed over. */
    private void take(RecordKind module, List<OutcomeFact> facts, Progress p) {
        Instant now = Instant.now();
        if (module == RecordKind.DEALS) {
            List<OutcomeFact.DealFact> read = facts.stream().map(OutcomeFact.DealFact.class::cast).toList();
            Map<String, String> emails = outcomes.emailsOfContacts(read.stream().map(OutcomeFact.DealFact::contactId).filter(
                    java.util.Objects::nonNull).toList());
            List<Outcomes.Deal> deals = new ArrayList<>();
            for (OutcomeFact.DealFact d : read) {
                String email = emails.get(d.contactId());
                if (email != null) {
                    deals.add(new Outcomes.Deal(d.id(), email, d.contactId(), d.stage(), d.result(), d.amount(), d.closingDate()));
                }
            }
            outcomes.saveDeals(deals, now);
            p.deals += deals.size();
            return;
        }
        Map<String, StoredProspect> known = prospects.byEmail(facts.stream().map(OutcomeSync::emailOf).map(EmailAddress::canonical)
                .filter(java.util.Objects::nonNull).toList());
        // What earlier reads found of these prospects, in one query for the page (a Contact of a known Lead is a conversion).
        Map<String, Outcomes.Outcome> before = module == RecordKind.CONTACTS ? outcomes.byEmail(known.keySet()) : Map.of();
        List<Outcomes.Outcome> found = new ArrayList<>();
        for (OutcomeFact fact : facts) {
            StoredProspect prospect = known.get(EmailAddress.canonical(emailOf(fact)));
            if (prospect == null) {
                continue;
            }
            if (fact instanceof OutcomeFact.LeadFact lead) {
                found.add(new Outcomes.Outcome(prospect.email(), lead.id(), lead.status(), statusKind(lead.status()), lead.contactId(),
                        lead.convertedAt(), lead.convertedBy()));
                p.leads++;
            } else if (fact instanceof OutcomeFact.ContactFact contact && wasLead(prospect, before.get(prospect.email()))) {
                // A Contact for a prospect the service knew as a Lead: the Lead was converted (by the service, or by sales in the CRM).
                found.add(new Outcomes.Outcome(prospect.email(), null, null, null, contact.id(), contact.createdAt(), contact.createdBy()));
                p.contacts++;
            } else {
                found.add(new Outcomes.Outcome(prospect.email(), null, null, null, fact.id(), null, null));
                p.contacts++;
            }
        }
        outcomes.save(found, now);
    }

    private static String emailOf(OutcomeFact fact) {
        return fact instanceof OutcomeFact.LeadFact l ? l.email() : fact instanceof OutcomeFact.ContactFact c ? c.email() : null;
    }

    /** Whether the service knew the prospect as a Lead (still, or converted since): a Contact of theirs is a conversion. */
    private static boolean wasLead(StoredProspect p, Outcomes.Outcome known) {
        return RecordKind.LEADS.label().equals(p.zohoModule()) || p.convertedLead() != null || known != null && known.leadId() != null;
    }

    private String statusKind(String status) {
        if (status == null) {
            return null;
        }
        OutcomesConfig c = config;
        return c.junkStatuses().contains(status) ? "junk" : c.disqualifiedStatuses().contains(status) ? "disqualified"
                : c.lostStatuses().contains(status) ? "lost" : null;
    }

    private static String id() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }
}
