package org.leadscoring.crm;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The port to the CRM: the operations the product needs, in its own words, and what they cost. Records are written with
 * the CRM's own field names as the {@link FieldMapping} gives them. One adapter implements it: Zoho ({@code crm/zoho/}),
 * over HTTP or dry (no credentials: nothing is called and the calls are recorded).
 */
public interface Crm {

    // ---- what calls cost: the adapter's cost model, and the allowance the calls are charged to ---------------------------

    /**
     * This CRM with every call it makes charged to {@code budget}, which refuses a call that would go over it (a run's
     * allowance, or credits a page reserved). The allowance travels with the object, not with a thread: work handed to
     * other threads charges it by using this object. The CRM as injected charges nothing.
     */
    Crm chargedTo(CreditBudget budget);

    /** The credits it costs to update {@code records} records (in as many calls as it takes). */
    long writeCredits(int records);

    /** The credits a query answering up to {@code rows} rows costs. */
    int queryCredits(int rows);

    /** At most this many rows come in one answer to a query. */
    int maxQueryRows();

    // ---- the operations ------------------------------------------------------------------------------------------------

    /** True when nothing is sent to the CRM (the dry run). */
    boolean dryRun();

    /**
     * The record holding this email, compared exactly (case-insensitive): the Contact when there is one, else the
     * open Lead, with the fields asked for in its module. Reads through COQL, which has no search-index lag, so a
     * record created a moment ago is found.
     */
    Optional<CrmRecord> findByEmail(String email, Map<RecordKind, List<String>> fields);

    /** {@link #findByEmail(String, Map)} reading the same fields in both modules. */
    default Optional<CrmRecord> findByEmail(String email, List<String> fields) {
        return findByEmail(email, Map.of(RecordKind.CONTACTS, fields, RecordKind.LEADS, fields));
    }

    /** Creates one Lead or Contact. */
    RecordOutcome create(RecordKind module, Map<String, Object> fields);

    /**
     * Updates records, each with its {@code id}, in as many calls as the CRM takes records in one; one outcome per
     * record, in order. With {@code triggerWorkflows} false, the organisation's workflows, approvals and blueprints do not run.
     */
    List<RecordOutcome> update(RecordKind module, List<Map<String, Object>> records, boolean triggerWorkflows);

    /** Converts a Lead to a Contact (and Account, optionally a Deal). Converting a converted Lead is not an error. */
    Conversion convert(String leadId, ConvertOptions options);

    /** One page of open (unconverted) Leads with the given fields; start with {@link RecordPage.Cursor#FIRST}. */
    RecordPage openLeads(List<String> fields, RecordPage.Cursor cursor, int perPage);

    /**
     * Up to {@code limit} (at most {@link #maxQueryRows()}) open Leads with an id above {@code cursor.afterId()} (null:
     * from the first), in id order, read by COQL; the next cursor starts after this page's last id. Converted Leads are
     * filtered out in the query and again on the answer.
     *
     * @throws CrmException (not retryable) when Zoho refuses the query: a missing scope, or a criterion it does not take
     */
    RecordPage openLeadsByQuery(List<String> fields, RecordPage.Cursor cursor, int limit);

    /**
     * Up to {@code limit} Leads that Zoho modified at or after {@code since}, in id order after {@code cursor.afterId()},
     * read by COQL. Converted Leads are answered too ({@link CrmRecord#converted()}), so that a caller can forget them.
     */
    default RecordPage leadsModifiedSince(List<String> fields, java.time.Instant since, RecordPage.Cursor cursor, int limit) {
        return modifiedSince(RecordKind.LEADS, fields, since, cursor, limit);
    }

    /**
     * Up to {@code limit} (at most {@link #maxQueryRows()}) records of {@code module} that Zoho modified at or after
     * {@code since}, in id order after {@code cursor.afterId()}, read by COQL with {@code fields} (and {@code Email}
     * where the module has one; Leads converted ones included, {@link CrmRecord#converted()}).
     *
     * @throws CrmException (not retryable) when Zoho refuses the query
     */
    RecordPage modifiedSince(RecordKind module, List<String> fields, java.time.Instant since, RecordPage.Cursor cursor, int limit);

    /**
     * What the CRM says of the people in records of {@code kind} modified at or after {@code since} (their status,
     * conversion, deals), up to {@code limit} (at most {@link #maxQueryRows()}) in id order after {@code cursor.afterId()}.
     *
     * @throws CrmException (not retryable) when the CRM refuses the read
     */
    OutcomeFact.Page outcomesModifiedSince(RecordKind kind, java.time.Instant since, RecordPage.Cursor cursor, int limit);

    /** How many open Leads there are, for progress ("scanned of total"); one call. */
    long countOpenLeads();

    /** Calls and credits used since start. */
    CrmUsage usage();

    /** How many calls the CRM takes in flight at once: work that calls it runs this many side by side. */
    int callsAtOnce();

    /**
     * Whether the CRM can be called now, checked cheaply: the adapter signs in (Zoho: an access token, the cached one while
     * it is valid, else one refresh). Empty when it can; else the failure, whose kind says whether it passes (the CRM down
     * or throttling) or needs an operator (credentials refused).
     */
    default java.util.Optional<CrmException> checkAccess() {
        return java.util.Optional.empty();
    }

    /** Whether calls go to the CRM now; a client that never calls it is always closed. */
    default CircuitState circuit() {
        return CircuitState.CLOSED;
    }
}
