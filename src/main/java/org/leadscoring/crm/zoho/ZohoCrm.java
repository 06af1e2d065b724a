package org.leadscoring.crm.zoho;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The service's hands in Zoho CRM. Records are written with Zoho field API names (see {@link FieldMapping}).
 * Implemented over HTTP, or dry (no credentials): then nothing is called and the calls are recorded.
 */
public interface ZohoCrm {

    /** At most this many records go in one write call. */
    int MAX_BATCH = 100;

    /**
     * The credits Zoho charges to update {@code records} records: one per ten records, in calls of at most
     * {@link #MAX_BATCH}.
     */
    static long updateCredits(int records) {
        long credits = 0;
        for (int from = 0; from < records; from += MAX_BATCH) {
            credits += (Math.min(records, from + MAX_BATCH) - from + 9) / 10;
        }
        return credits;
    }

    /** At most this many rows come in one COQL answer. */
    int MAX_COQL_ROWS = 2000;

    /** The credits a COQL query of LIMIT {@code limit} costs: 1 up to 200 rows, 2 up to 1,000, 3 up to 2,000. */
    static int coqlCredits(int limit) {
        return limit <= 200 ? 1 : limit <= 1000 ? 2 : 3;
    }

    /** True when nothing is sent to Zoho. */
    boolean dryRun();

    /**
     * The record holding this email, compared exactly (case-insensitive): the Contact when there is one, else the
     * open Lead, with the fields asked for in its module. Reads through COQL, which has no search-index lag, so a
     * record created a moment ago is found.
     */
    Optional<ZohoRecord> findByEmail(String email, Map<ZohoModule, List<String>> fields);

    /** {@link #findByEmail(String, Map)} reading the same fields in both modules. */
    default Optional<ZohoRecord> findByEmail(String email, List<String> fields) {
        return findByEmail(email, Map.of(ZohoModule.CONTACTS, fields, ZohoModule.LEADS, fields));
    }

    /** Creates one Lead or Contact. */
    RecordOutcome create(ZohoModule module, Map<String, Object> fields);

    /**
     * Updates records, each with its {@code id}, in calls of at most {@link #MAX_BATCH}; one outcome per record, in
     * order. With {@code triggerWorkflows} false, the organisation's workflows, approvals and blueprints do not run.
     */
    List<RecordOutcome> update(ZohoModule module, List<Map<String, Object>> records, boolean triggerWorkflows);

    /** Converts a Lead to a Contact (and Account, optionally a Deal). Converting a converted Lead is not an error. */
    Conversion convert(String leadId, ConvertOptions options);

    /** One page of open (unconverted) Leads with the given fields; start with {@link RecordPage.Cursor#FIRST}. */
    RecordPage openLeads(List<String> fields, RecordPage.Cursor cursor, int perPage);

    /**
     * Up to {@code limit} (at most {@link #MAX_COQL_ROWS}) open Leads with an id above {@code cursor.afterId()} (null:
     * from the first), in id order, read by COQL; the next cursor starts after this page's last id. Converted Leads are
     * filtered out in the query and again on the answer.
     *
     * @throws ZohoException (not retryable) when Zoho refuses the query: a missing scope, or a criterion it does not take
     */
    RecordPage openLeadsByQuery(List<String> fields, RecordPage.Cursor cursor, int limit);

    /**
     * Up to {@code limit} Leads that Zoho modified at or after {@code since}, in id order after {@code cursor.afterId()},
     * read by COQL. Converted Leads are answered too, with {@code Converted__s} true, so that a caller can forget them.
     */
    default RecordPage leadsModifiedSince(List<String> fields, java.time.Instant since, RecordPage.Cursor cursor, int limit) {
        return modifiedSince(ZohoModule.LEADS, fields, since, cursor, limit);
    }

    /**
     * Up to {@code limit} (at most {@link #MAX_COQL_ROWS}) records of {@code module} that Zoho modified at or after
     * {@code since}, in id order after {@code cursor.afterId()}, read by COQL with {@code fields} (and {@code Email}
     * where the module has one; {@code Converted__s} for Leads, converted ones included).
     *
     * @throws ZohoException (not retryable) when Zoho refuses the query
     */
    RecordPage modifiedSince(ZohoModule module, List<String> fields, java.time.Instant since, RecordPage.Cursor cursor, int limit);

    /**
     * The forecast type of each stage of Deals, by the stage's actual value: {@code Open}, {@code Closed Won} or
     * {@code Closed Lost}, as the organisation set them (stages are renamed and added, so a deal is won or lost by this,
     * never by its stage's name). One call.
     */
    Map<String, String> dealStageForecastTypes();

    /** How many open Leads there are, for progress ("scanned of total"); one call. */
    long countOpenLeads();

    /** Calls and credits used since start. */
    ZohoUsage usage();

    /** Whether calls go to Zoho now; a client that never calls Zoho is always closed. */
    default ZohoCircuit.State circuit() {
        return ZohoCircuit.State.CLOSED;
    }
}
