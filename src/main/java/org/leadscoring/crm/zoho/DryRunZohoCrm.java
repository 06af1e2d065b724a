package org.leadscoring.crm.zoho;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;
import org.leadscoring.crm.Conversion;
import org.leadscoring.crm.ConvertOptions;
import org.leadscoring.crm.CreditBudget;
import org.leadscoring.crm.Crm;
import org.leadscoring.crm.CrmRecord;
import org.leadscoring.crm.CrmUsage;
import org.leadscoring.crm.OutcomeFact;
import org.leadscoring.crm.RecordKind;
import org.leadscoring.crm.RecordOutcome;
import org.leadscoring.crm.RecordPage;
import org.leadscoring.scoring.EmailAddress;

/**
 * {@link Crm} for when no credentials are configured: calls nothing, remembers the records it would have
 * created (so a second intake of the same email finds the first) and keeps a journal of what it would have done.
 */
public final class DryRunZohoCrm implements ZohoCosts {

    private static final Logger LOG = Logger.getLogger(DryRunZohoCrm.class);
    private static final int JOURNAL_SIZE = 1000;

    private final Map<String, CrmRecord> byEmail = new ConcurrentHashMap<>();
    private final Map<String, CrmRecord> byId = new ConcurrentHashMap<>();
    private final Deque<String> journal = new ArrayDeque<>();
    private final AtomicLong ids = new AtomicLong();

    private final int callsAtOnce;

    /** A dry run that lets {@code callsAtOnce} pieces of work run side by side, as the client over HTTP would. */
    public DryRunZohoCrm(int callsAtOnce) {
        this.callsAtOnce = callsAtOnce;
    }

    public DryRunZohoCrm() {
        this(5);
    }

    @Override
    public int callsAtOnce() {
        return callsAtOnce;
    }

    @Override
    public boolean dryRun() {
        return true;
    }

    /** Itself: a dry run calls nothing, so nothing is charged to {@code budget}. */
    @Override
    public Crm chargedTo(CreditBudget budget) {
        return this;
    }

    /** What the client would have done, oldest first (the last 1,000 operations). */
    public synchronized List<String> journal() {
        return List.copyOf(journal);
    }

    @Override
    public Optional<CrmRecord> findByEmail(String email, Map<RecordKind, List<String>> fields) {
        return Optional.ofNullable(byEmail.get(EmailAddress.canonical(email)));
    }

    @Override
    public RecordOutcome create(RecordKind module, Map<String, Object> fields) {
        String id = "dry-run-" + ids.incrementAndGet();
        Object email = fields.get("Email");
        CrmRecord record = new CrmRecord(module, id, email == null ? null : email.toString(), fields);
        byId.put(id, record);
        if (email != null) {
            byEmail.put(EmailAddress.canonical(email.toString()), record);
        }
        note("would create " + module.label() + " " + id);
        return RecordOutcome.ok(id, "insert");
    }

    @Override
    public List<RecordOutcome> update(RecordKind module, List<Map<String, Object>> records, boolean triggerWorkflows) {
        List<RecordOutcome> outcomes = new ArrayList<>();
        for (Map<String, Object> r : records) {
            String id = String.valueOf(r.get("id"));
            CrmRecord old = byId.get(id);
            if (old != null) {
                Map<String, Object> merged = new LinkedHashMap<>(old.fields());
                merged.putAll(r);
                CrmRecord updated = new CrmRecord(old.module(), id, old.email(), merged);
                byId.put(id, updated);
                if (old.email() != null) {
                    byEmail.put(old.emailKey(), updated);
                }
            }
            outcomes.add(RecordOutcome.ok(id, "update"));
        }
        note("would update " + records.size() + " " + module.label() + (triggerWorkflows ? "" : " without workflows"));
        return outcomes;
    }

    @Override
    public Conversion convert(String leadId, ConvertOptions options) {
        CrmRecord lead = byId.get(leadId);
        String contactId = "dry-run-" + ids.incrementAndGet();
        if (lead != null) {
            CrmRecord contact = new CrmRecord(RecordKind.CONTACTS, contactId, lead.email(), lead.fields());
            byId.remove(leadId);
            byId.put(contactId, contact);
            if (lead.email() != null) {
                byEmail.put(lead.emailKey(), contact);
            }
        }
        note("would convert Lead " + leadId + " to Contact " + contactId);
        return new Conversion(leadId, contactId, null, null, false);
    }

    @Override
    public RecordPage openLeads(List<String> fields, RecordPage.Cursor cursor, int perPage) {
        List<CrmRecord> leads = byId.values().stream().filter(r -> r.module() == RecordKind.LEADS)
                .sorted(java.util.Comparator.comparing(CrmRecord::id)).toList();
        int from = Math.max(0, (cursor.page() - 1) * perPage);
        int to = Math.min(leads.size(), from + perPage);
        List<CrmRecord> page = from >= leads.size() ? List.of() : leads.subList(from, to);
        return new RecordPage(page, to < leads.size() ? new RecordPage.Cursor(cursor.page() + 1, null) : null);
    }

    @Override
    public RecordPage openLeadsByQuery(List<String> fields, RecordPage.Cursor cursor, int limit) {
        List<CrmRecord> leads = byId.values().stream().filter(r -> r.module() == RecordKind.LEADS)
                .filter(r -> cursor.afterId() == null || number(r.id()) > number(cursor.afterId()))
                .sorted(java.util.Comparator.comparingLong(r -> number(r.id()))).toList();
        List<CrmRecord> page = leads.subList(0, Math.min(leads.size(), limit));
        return new RecordPage(page, leads.size() > limit ? RecordPage.Cursor.after(page.get(page.size() - 1).id()) : null);
    }

    @Override
    public RecordPage modifiedSince(RecordKind module, List<String> fields, java.time.Instant since, RecordPage.Cursor cursor, int limit) {
        // The dry client keeps no modification times: every Lead it knows counts as modified; it has no deals, and its
        // Contacts have no outcome to tell.
        return module == RecordKind.LEADS ? openLeadsByQuery(fields, cursor, limit) : new RecordPage(List.of(), null);
    }

    @Override
    public OutcomeFact.Page outcomesModifiedSince(RecordKind kind, Instant since, RecordPage.Cursor cursor, int limit) {
        return ZohoOutcomes.read(this, Map::of, kind, since, cursor, limit);
    }

    /** The number in a dry-run id, which orders them as Zoho orders its ids. */
    private static long number(String id) {
        return Long.parseLong(id.substring(id.lastIndexOf('-') + 1));
    }

    @Override
    public long countOpenLeads() {
        return byId.values().stream().filter(r -> r.module() == RecordKind.LEADS).count();
    }

    @Override
    public CrmUsage usage() {
        return CrmUsage.NONE;
    }

    private synchronized void note(String what) {
        LOG.info("Zoho dry run: " + what);
        if (journal.size() == JOURNAL_SIZE) {
            journal.removeFirst();
        }
        journal.addLast(what);
    }
}
