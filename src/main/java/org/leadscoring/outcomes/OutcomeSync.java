package org.leadscoring.outcomes;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.leadscoring.config.LeadScoringConfig;
import org.leadscoring.config.Workers;
import org.leadscoring.crm.zoho.CreditBudget;
import org.leadscoring.crm.zoho.RecordPage;
import org.leadscoring.crm.zoho.ZohoCrm;
import org.leadscoring.crm.zoho.ZohoException;
import org.leadscoring.crm.zoho.ZohoModule;
import org.leadscoring.crm.zoho.ZohoRecord;
import org.leadscoring.rescoring.RunState;
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
    static final List<ZohoModule> ORDER = List.of(ZohoModule.LEADS, ZohoModule.CONTACTS, ZohoModule.DEALS);
    static final Map<ZohoModule, List<String>> FIELDS = Map.of(
            ZohoModule.LEADS, List.of("Lead_Status", "Converted_Date_Time", "Converted_Contact", "Modified_By"),
            ZohoModule.CONTACTS, List.of("Created_Time", "Created_By"),
            ZohoModule.DEALS, List.of("Stage", "Amount", "Closing_Date", "Contact_Name"));

    @Inject
    ZohoCrm zoho;

    @Inject
    SyncRepository syncs;

    @Inject
    Outcomes outcomes;

    @Inject
    ProspectRepository prospects;

    @Inject
    LeadScoringConfig config;

    private final ExecutorService worker = Workers.pool("outcome-sync", 1);

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
        Optional<OutcomeSyncRecord> going = syncs.running();
        if (going.isPresent() && going.get().updatedAt().isAfter(now.minus(Duration.ofMinutes(2)))) {
            throw new SyncInProgressException(going.get().id());
        }
        Optional<OutcomeSyncRecord> last = syncs.latest(1).stream().findFirst();
        OutcomeSyncRecord sync;
        String id = "sync_" + id();
        if (last.isPresent() && (last.get().state().resumable() || last.get().state() == RunState.RUNNING)) {
            OutcomeSyncRecord l = last.get();
            if (l.state() == RunState.RUNNING) {
                // Its instance died: it ends here, and this sync continues it.
                syncs.finish(l.id(), RunState.INTERRUPTED, "The instance running it stopped; " + id + " continues it");
            }
            sync = new OutcomeSyncRecord(id, RunState.RUNNING, trigger, l.since(), l.module(), l.afterId(), 0, 0, 0, 0, 0,
                    "Continues " + l.id() + " from " + l.module() + (l.afterId() == null ? "" : " after " + l.afterId()), now, l.chainStartedAt(),
                    now, null);
        } else {
            Instant since = syncs.lastCompleted().map(c -> c.chainStartedAt().minus(OVERLAP)).orElse(null);
            sync = new OutcomeSyncRecord(id, RunState.RUNNING, trigger, since, ZohoModule.LEADS.apiName(), null, 0, 0, 0, 0, 0, null,
                    now, now, now, null);
        }
        syncs.create(sync);
        OutcomeSyncRecord started = sync;
        long budget = maxCredits != null ? maxCredits : config.outcomes().maxCredits();
        worker.submit(() -> run(started, budget));
        return sync;
    }

    /** Carries out a sync to its end and records how it ended. */
    void run(OutcomeSyncRecord sync, long maxCredits) {
        Progress p = new Progress(sync);
        CreditBudget budget = CreditBudget.of(maxCredits);
        RunState end = RunState.COMPLETED;
        String message = sync.message();
        try {
            budget.within(() -> read(p, budget));
        } catch (CreditBudget.Exhausted e) {
            end = RunState.STOPPED_BUDGET;
            message = "Stopped at the credit budget of " + maxCredits + "; the next sync continues from " + p.where();
        } catch (ZohoException e) {
            end = RunState.INTERRUPTED;
            message = "Zoho failed: " + e.error() + "; the next sync continues from " + p.where();
        } catch (RuntimeException e) {
            LOG.error("Outcome sync " + sync.id() + " failed", e);
            end = RunState.FAILED;
            message = "Failed: " + e.getMessage();
        }
        syncs.checkpoint(p.record(budget));
        syncs.finish(sync.id(), end, message);
        LOG.infof("Outcome sync %s %s: %d Leads, %d Contacts, %d Deals read; %d calls, %d credits", sync.id(), end.code(), p.leads, p.contacts,
                p.deals, budget.calls(), budget.credits());
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
        Map<String, String> forecastTypes = null;
        for (ZohoModule module : ORDER.subList(ORDER.indexOf(moduleOf(p.module)), ORDER.size())) {
            p.module = module.apiName();
            RecordPage.Cursor cursor = p.afterId == null ? RecordPage.Cursor.FIRST : RecordPage.Cursor.after(p.afterId);
            while (cursor != null) {
                RecordPage page = zoho.modifiedSince(module, FIELDS.get(module), since, cursor, ZohoCrm.MAX_COQL_ROWS);
                if (module == ZohoModule.DEALS && forecastTypes == null && !page.records().isEmpty()) {
                    forecastTypes = zoho.dealStageForecastTypes();
                }
                take(module, page.records(), forecastTypes, p);
                cursor = page.next();
                p.afterId = cursor == null ? null : cursor.afterId();
                if (cursor != null) {
                    syncs.checkpoint(p.record(budget));
                }
            }
            syncs.checkpoint(p.record(budget));
        }
    }

    private static ZohoModule moduleOf(String apiName) {
        return ORDER.stream().filter(m -> m.apiName().equals(apiName)).findFirst().orElse(ZohoModule.LEADS);
    }

    /** Stores what one page says of the prospects the service took in; records of anyone else are passed over. */
    private void take(ZohoModule module, List<ZohoRecord> records, Map<String, String> forecastTypes, Progress p) {
        Instant now = Instant.now();
        if (module == ZohoModule.DEALS) {
            Map<String, String> emails = outcomes.emailsOfContacts(records.stream().map(r -> idOf(r.fields().get("Contact_Name"))).filter(
                    java.util.Objects::nonNull).toList());
            List<Outcomes.Deal> deals = new ArrayList<>();
            for (ZohoRecord r : records) {
                String contactId = idOf(r.fields().get("Contact_Name"));
                String email = emails.get(contactId);
                if (email != null) {
                    String stage = text(r.fields().get("Stage"));
                    deals.add(new Outcomes.Deal(r.id(), email, contactId, stage, forecast(forecastTypes, stage), amount(r.fields().get("Amount")),
                            date(r.fields().get("Closing_Date"))));
                }
            }
            outcomes.saveDeals(deals, now);
            p.deals += deals.size();
            return;
        }
        Map<String, StoredProspect> known = prospects.byEmail(records.stream().map(ZohoRecord::emailKey).filter(java.util.Objects::nonNull).toList());
        // What earlier reads found of these prospects, in one query for the page (a Contact of a known Lead is a conversion).
        Map<String, Outcomes.Outcome> before = module == ZohoModule.CONTACTS ? outcomes.byEmail(known.keySet()) : Map.of();
        List<Outcomes.Outcome> found = new ArrayList<>();
        for (ZohoRecord r : records) {
            StoredProspect prospect = known.get(r.emailKey());
            if (prospect == null) {
                continue;
            }
            if (module == ZohoModule.LEADS) {
                boolean converted = Boolean.TRUE.equals(r.fields().get("Converted__s"));
                String status = text(r.fields().get("Lead_Status"));
                found.add(new Outcomes.Outcome(prospect.email(), r.id(), status, statusKind(status),
                        converted ? idOf(r.fields().get("Converted_Contact")) : null, converted ? instant(r.fields().get("Converted_Date_Time")) : null,
                        converted ? nameOf(r.fields().get("Modified_By")) : null));
                p.leads++;
            } else if (wasLead(prospect, before.get(prospect.email()))) {
                // A Contact for a prospect the service knew as a Lead: the Lead was converted (by the service, or by sales in Zoho).
                found.add(new Outcomes.Outcome(prospect.email(), null, null, null, r.id(), instant(r.fields().get("Created_Time")),
                        nameOf(r.fields().get("Created_By"))));
                p.contacts++;
            } else {
                found.add(new Outcomes.Outcome(prospect.email(), null, null, null, r.id(), null, null));
                p.contacts++;
            }
        }
        outcomes.save(found, now);
    }

    /** Whether the service knew the prospect as a Lead (still, or converted since): a Contact of theirs is a conversion. */
    private static boolean wasLead(StoredProspect p, Outcomes.Outcome known) {
        return ZohoModule.LEADS.apiName().equals(p.zohoModule()) || p.convertedLead() != null || known != null && known.leadId() != null;
    }

    private String statusKind(String status) {
        if (status == null) {
            return null;
        }
        LeadScoringConfig.Outcomes c = config.outcomes();
        return c.junkStatuses().contains(status) ? "junk" : c.disqualifiedStatuses().contains(status) ? "disqualified"
                : c.lostStatuses().contains(status) ? "lost" : null;
    }

    /** {@code won}, {@code lost} or {@code open} as the stage's forecast type says; null when Zoho does not say. */
    static String forecast(Map<String, String> forecastTypes, String stage) {
        String type = forecastTypes == null || stage == null ? null : forecastTypes.get(stage);
        if (type == null) {
            return null;
        }
        String t = type.toLowerCase(Locale.ROOT);
        return t.contains("won") ? "won" : t.contains("lost") ? "lost" : "open";
    }

    private static String idOf(Object lookup) {
        return lookup instanceof Map<?, ?> m && m.get("id") != null ? m.get("id").toString() : lookup instanceof String s ? s : null;
    }

    private static String nameOf(Object user) {
        return user instanceof Map<?, ?> m && m.get("name") != null ? m.get("name").toString() : null;
    }

    private static String text(Object v) {
        return v == null ? null : v.toString();
    }

    private static Instant instant(Object v) {
        try {
            return v == null ? null : OffsetDateTime.parse(v.toString()).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static LocalDate date(Object v) {
        try {
            return v == null ? null : LocalDate.parse(v.toString());
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static BigDecimal amount(Object v) {
        try {
            return v == null ? null : new BigDecimal(v.toString());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String id() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }
}
