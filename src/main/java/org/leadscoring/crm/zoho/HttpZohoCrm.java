package org.leadscoring.crm.zoho;

import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.jboss.logging.Logger;
import org.leadscoring.crm.CircuitState;
import org.leadscoring.crm.Conversion;
import org.leadscoring.crm.ConvertOptions;
import org.leadscoring.crm.CreditBudget;
import org.leadscoring.crm.Crm;
import org.leadscoring.crm.CrmError;
import org.leadscoring.crm.CrmException;
import org.leadscoring.crm.CrmRecord;
import org.leadscoring.crm.CrmUsage;
import org.leadscoring.crm.OutcomeFact;
import org.leadscoring.crm.RecordKind;
import org.leadscoring.crm.RecordOutcome;
import org.leadscoring.crm.RecordPage;
import org.leadscoring.jobs.Workers;
import org.leadscoring.scoring.EmailAddress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@link Crm} over Zoho's REST API v8: one method per Zoho operation, each building its request and reading its
 * answer as Zoho's OpenAPI files describe them. Longer than ~300 lines on purpose: the operations share the transport,
 * the answer parsing and the error mapping, and reading them side by side is how the client is checked against Zoho.
 */
public final class HttpZohoCrm implements ZohoCosts {

    /** Sends the batches of a large update side by side; idle threads go after a minute. */
    private static final ExecutorService BATCHES = Workers.growing("zoho-update-batch");

    private static final Logger LOG = Logger.getLogger(HttpZohoCrm.class);
    static final int DISCRETE_PAGE_LIMIT = 2000;
    static final int MAX_PER_PAGE = 200;

    private final ZohoTransport transport;
    private final String apiUrlOverride;
    private final String defaultApiUrl;
    private final ZohoConfig.Timeouts timeouts;
    private final Map<String, ZohoCrmApi> clients;
    /** What this client's calls are charged to: nothing, or a run's allowance ({@link #chargedTo}). */
    private final CreditBudget budget;

    HttpZohoCrm(ZohoTransport transport, String apiUrlOverride, String defaultApiUrl, ZohoConfig.Timeouts timeouts) {
        this(transport, apiUrlOverride, defaultApiUrl, timeouts, new ConcurrentHashMap<>(), CreditBudget.unmetered());
    }

    private HttpZohoCrm(ZohoTransport transport, String apiUrlOverride, String defaultApiUrl, ZohoConfig.Timeouts timeouts,
            Map<String, ZohoCrmApi> clients, CreditBudget budget) {
        this.transport = transport;
        this.apiUrlOverride = apiUrlOverride;
        this.defaultApiUrl = defaultApiUrl;
        this.timeouts = timeouts;
        this.clients = clients;
        this.budget = budget;
    }

    /** Builds the client from configuration: data centre, URL overrides, credentials, limits. */
    public static HttpZohoCrm create(ZohoConfig config) {
        DataCenter dc = DataCenter.of(config.dc());
        String accountsUrl = config.accountsUrl().orElse(dc.accountsUrl());
        ZohoAccountsApi accounts = client(accountsUrl, config.timeouts(), ZohoAccountsApi.class);
        ZohoTokens tokens = new ZohoTokens(accounts, config.clientId().orElseThrow(), config.clientSecret().orElseThrow(),
                config.refreshToken().orElseThrow(), config.tokenRefreshMargin(), java.time.Clock.systemUTC(), config.tokenThrottleWait());
        ZohoTransport transport = new ZohoTransport(tokens, config.maxConcurrentCalls(), config.retry().maxAttempts(),
                config.retry().backoff(), config.retry().maxTotal(), ZohoCircuit.of(config.circuit().failures(), config.circuit().delay()));
        return new HttpZohoCrm(transport, config.apiUrl().orElse(null), dc.apiUrl(), config.timeouts());
    }

    @Override
    public boolean dryRun() {
        return false;
    }

    /** The same client (transport, tokens, circuit, HTTP clients) with its calls charged to {@code budget}. */
    @Override
    public HttpZohoCrm chargedTo(CreditBudget budget) {
        return new HttpZohoCrm(transport, apiUrlOverride, defaultApiUrl, timeouts, clients, budget);
    }

    @Override
    public Optional<CrmException> checkAccess() {
        try {
            transport.signIn();
            return Optional.empty();
        } catch (CrmException e) {
            return Optional.of(e);
        }
    }

    @Override
    public int callsAtOnce() {
        return transport.callsAtOnce();
    }

    @Override
    public CircuitState circuit() {
        return transport.circuit();
    }

    @Override
    public CrmUsage usage() {
        return transport.usage();
    }

    @Override
    public Optional<CrmRecord> findByEmail(String email, Map<RecordKind, List<String>> fields) {
        for (RecordKind module : List.of(RecordKind.CONTACTS, RecordKind.LEADS)) {
            Optional<CrmRecord> found = findInModule(module, email, fields.getOrDefault(module, List.of()));
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** The person's record in one module, under any spelling Zoho may hold their address in ({@link EmailAddress#spellings}). */
    private Optional<CrmRecord> findInModule(RecordKind module, String anySpelling, List<String> fields) {
        for (String spelling : EmailAddress.spellings(anySpelling)) {
            Optional<CrmRecord> found = findSpelt(module, spelling, fields);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private Optional<CrmRecord> findSpelt(RecordKind module, String email, List<String> fields) {
        List<String> select = new ArrayList<>(List.of("id", "Email"));
        fields.stream().filter(f -> !select.contains(f)).forEach(select::add);
        String query = "select " + String.join(", ", select) + " from " + zohoModule(module) + " where Email = '" + coqlString(email) + "' limit 10";
        ObjectNode body = ZohoJson.MAPPER.createObjectNode().put("select_query", query);
        ZohoTransport.Answer answer = transport.call("find " + zohoModule(module) + " by email", budget, CreditBudget.Use.READ, ZohoCosts.coqlCredits(10),
                (t, auth) -> api(t).coql(auth, body));
        if (answer.status() == 204) {
            return Optional.empty();
        }
        requireRows(answer, "find " + zohoModule(module) + " by email");
        for (JsonNode row : answer.body().path("data")) {
            // Zoho matches loosely (case folding, some Unicode folds): only the same canonical address is the person.
            if (EmailAddress.same(email, row.path("Email").asText(null))) {
                return Optional.of(record(module, row));
            }
            transport.looseMatch();
            LOG.warnf("Zoho answered %s %s for a lookup by email, but its address is another person's; it is left alone", zohoModule(module),
                    row.path("id").asText("?"));
        }
        return Optional.empty();
    }

    @Override
    public RecordOutcome create(RecordKind module, Map<String, Object> fields) {
        ObjectNode body = ZohoJson.MAPPER.createObjectNode();
        body.putArray("data").add(ZohoJson.MAPPER.valueToTree(fields));
        body.putArray("trigger").add("workflow");
        ZohoTransport.Answer answer = transport.call("create " + zohoModule(module), budget, CreditBudget.Use.WRITE, 1, ZohoTransport.Repeat.ONCE,
                (t, auth) -> api(t).create(auth, zohoModule(module), body));
        return outcomes(answer, 1, "create " + zohoModule(module)).get(0);
    }

    @Override
    public List<RecordOutcome> update(RecordKind module, List<Map<String, Object>> records, boolean triggerWorkflows) {
        for (Map<String, Object> r : records) {
            if (r.get("id") == null) {
                throw new IllegalArgumentException("every record to update needs its id");
            }
        }
        if (records.size() <= ZohoCosts.MAX_BATCH) {
            return updateBatch(module, records, triggerWorkflows);
        }
        // Batches go out together (the transport keeps within the concurrency limit); outcomes stay in record order.
        List<CompletableFuture<List<RecordOutcome>>> batches = new ArrayList<>();
        for (int from = 0; from < records.size(); from += ZohoCosts.MAX_BATCH) {
            List<Map<String, Object>> batch = records.subList(from, Math.min(records.size(), from + ZohoCosts.MAX_BATCH));
            batches.add(CompletableFuture.supplyAsync(() -> updateBatch(module, batch, triggerWorkflows), BATCHES));
        }
        List<RecordOutcome> outcomes = new ArrayList<>(records.size());
        for (CompletableFuture<List<RecordOutcome>> batch : batches) {
            try {
                outcomes.addAll(batch.join());
            } catch (CompletionException e) {
                batches.forEach(b -> b.cancel(false));
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        return outcomes;
    }

    private List<RecordOutcome> updateBatch(RecordKind module, List<Map<String, Object>> batch, boolean triggerWorkflows) {
        ObjectNode body = ZohoJson.MAPPER.createObjectNode();
        ArrayNode data = body.putArray("data");
        batch.forEach(r -> data.add(ZohoJson.MAPPER.valueToTree(r)));
        ArrayNode trigger = body.putArray("trigger");
        if (triggerWorkflows) {
            trigger.add("workflow");
        }
        ZohoTransport.Answer answer = transport.call("update " + zohoModule(module), budget, CreditBudget.Use.WRITE, (int) ZohoCosts.writeCreditsOf(batch.size()), (t, auth) -> api(t).update(auth, zohoModule(module), body));
        return outcomes(answer, batch.size(), "update " + zohoModule(module));
    }

    @Override
    public Conversion convert(String leadId, ConvertOptions options) {
        ObjectNode item = ZohoJson.MAPPER.createObjectNode()
                .put("overwrite", false)
                .put("notify_lead_owner", options.notifyLeadOwner())
                .put("notify_new_entity_owner", false);
        if (options.deal() != null && !options.deal().isEmpty()) {
            item.set("Deals", ZohoJson.MAPPER.valueToTree(options.deal()));
        }
        ObjectNode body = ZohoJson.MAPPER.createObjectNode();
        body.putArray("data").add(item);
        ZohoTransport.Answer answer = transport.call("convert Lead", budget, CreditBudget.Use.WRITE, 5, ZohoTransport.Repeat.ONCE,
                (t, auth) -> api(t).convert(auth, leadId, body));
        JsonNode first = answer.body().path("data").path(0);
        if (answer.status() < 300 && !first.path("code").isTextual()) {
            throw unknownOutcome(answer, "convert Lead");
        }
        JsonNode result = first.isMissingNode() ? answer.body() : first;
        String code = result.path("code").asText("");
        if ("ID_ALREADY_CONVERTED".equals(code)) {
            return new Conversion(leadId, null, null, null, true);
        }
        if (answer.status() >= 400 || !"success".equalsIgnoreCase(result.path("status").asText())) {
            throw ZohoErrors.exception(ZohoJson.error(answer.status(), result), false);
        }
        JsonNode details = result.path("details");
        if ("SCHEDULED".equals(code)) {
            return new Conversion(leadId, null, null, null, false, details.path("job_id").asText(null));
        }
        return new Conversion(leadId, idOf(details.path("Contacts")), idOf(details.path("Accounts")), idOf(details.path("Deals")), false);
    }

    @Override
    public RecordPage openLeads(List<String> fields, RecordPage.Cursor cursor, int perPage) {
        int size = Math.max(1, Math.min(MAX_PER_PAGE, perPage));
        List<String> wanted = new ArrayList<>(List.of("Email"));
        fields.stream().filter(f -> !wanted.contains(f)).forEach(wanted::add);
        String fieldList = String.join(",", wanted);
        boolean byToken = cursor.pageToken() != null;
        ZohoTransport.Answer answer = transport.call("list Leads", budget, CreditBudget.Use.READ, 1, (t, auth) -> api(t).list(auth, "Leads", fieldList,
                byToken ? null : cursor.page(), size, byToken ? cursor.pageToken() : null, "id", "asc"));
        if (answer.status() == 204) {
            return new RecordPage(List.of(), null);
        }
        requireRows(answer, "list Leads");
        List<CrmRecord> records = new ArrayList<>();
        for (JsonNode row : answer.body().path("data")) {
            records.add(record(RecordKind.LEADS, row));
        }
        JsonNode info = answer.body().path("info");
        if (!info.path("more_records").asBoolean(false)) {
            return new RecordPage(records, null);
        }
        String token = info.path("next_page_token").isTextual() ? info.path("next_page_token").asText() : null;
        boolean pagesLeft = !byToken && (cursor.page() + 1) * size <= DISCRETE_PAGE_LIMIT;
        if (pagesLeft) {
            return new RecordPage(records, new RecordPage.Cursor(cursor.page() + 1, null));
        }
        if (token == null) {
            throw ZohoErrors.exception(new CrmError(answer.status(), "NO_PAGE_TOKEN", "Zoho said more records follow but gave no page token", null, null, null), false);
        }
        return new RecordPage(records, new RecordPage.Cursor(0, token));
    }

    @Override
    public RecordPage openLeadsByQuery(List<String> fields, RecordPage.Cursor cursor, int limit) {
        return query("read Leads by COQL", RecordKind.LEADS, "Converted__s = false", true, fields, cursor, limit);
    }

    @Override
    public RecordPage modifiedSince(RecordKind module, List<String> fields, java.time.Instant since, RecordPage.Cursor cursor, int limit) {
        String at = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx").format(since.atOffset(java.time.ZoneOffset.UTC));
        return query("read modified " + zohoModule(module) + " by COQL", module, "Modified_Time >= '" + at + "'", false, fields, cursor, limit);
    }

    @Override
    public OutcomeFact.Page outcomesModifiedSince(RecordKind kind, java.time.Instant since, RecordPage.Cursor cursor, int limit) {
        return ZohoOutcomes.read(this, this::dealStageForecastTypes, kind, since, cursor, limit);
    }

    /**
     * The forecast type of each stage of Deals, by the stage's actual value: {@code Open}, {@code Closed Won} or
     * {@code Closed Lost}, as the organisation set them. One call.
     */
    public Map<String, String> dealStageForecastTypes() {
        ZohoTransport.Answer answer = transport.call("read the stages of Deals", budget, CreditBudget.Use.READ, 1,
                (t, auth) -> api(t).fields(auth, zohoModule(RecordKind.DEALS)));
        requireSuccess(answer, "read the stages of Deals");
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode field : answer.body().path("fields")) {
            if ("Stage".equals(field.path("api_name").asText())) {
                for (JsonNode value : field.path("pick_list_values")) {
                    out.put(value.path("actual_value").asText(), value.path("forecast_type").asText(null));
                }
            }
        }
        return out;
    }

    /**
     * Records of {@code module} matching {@code criterion}, after {@code cursor.afterId()} in id order, by COQL. Ids
     * are compared as numbers by Zoho, so keyset paging by id has no offset ceiling. With {@code openOnly} (Leads) the
     * criterion filters converted Leads out and so does this answer's reading; otherwise they are answered, marked
     * {@code Converted__s}.
     */
    private RecordPage query(String what, RecordKind module, String criterion, boolean openOnly, List<String> fields, RecordPage.Cursor cursor,
            int limit) {
        int size = Math.max(1, Math.min(ZohoCosts.MAX_COQL_ROWS, limit));
        List<String> select = new ArrayList<>(List.of("id"));
        if (module != RecordKind.DEALS) {
            select.add("Email");
        }
        if (module == RecordKind.LEADS) {
            select.add("Converted__s");
        }
        fields.stream().filter(f -> !select.contains(f)).forEach(select::add);
        String after = cursor.afterId() == null ? "0" : cursor.afterId();
        String query = "select " + String.join(", ", select) + " from " + zohoModule(module) + " where (" + criterion + " and id > '"
                + coqlString(after) + "') order by id asc limit " + size;
        ObjectNode body = ZohoJson.MAPPER.createObjectNode().put("select_query", query);
        ZohoTransport.Answer answer = transport.call(what, budget, CreditBudget.Use.READ, ZohoCosts.coqlCredits(size), (t, auth) -> api(t).coql(auth, body));
        if (answer.status() == 204) {
            return new RecordPage(List.of(), null);
        }
        requireRows(answer, what);
        List<CrmRecord> records = new ArrayList<>();
        String last = null;
        for (JsonNode row : answer.body().path("data")) {
            last = row.path("id").asText();
            if (!openOnly || !row.path("Converted__s").asBoolean(false)) {
                records.add(record(module, row));
            }
        }
        boolean more = answer.body().path("info").path("more_records").asBoolean(false);
        return new RecordPage(records, more && last != null ? RecordPage.Cursor.after(last) : null);
    }

    @Override
    public long countOpenLeads() {
        ZohoTransport.Answer answer = transport.call("count Leads", budget, CreditBudget.Use.READ, 1, (t, auth) -> api(t).count(auth, "Leads"));
        requireSuccess(answer, "count Leads");
        return answer.body().path("count").asLong(0);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private ZohoCrmApi api(ZohoTokens.AccessToken token) {
        String base = apiUrlOverride != null ? apiUrlOverride : token.apiDomain() != null ? token.apiDomain() : defaultApiUrl;
        return clients.computeIfAbsent(base, b -> client(b, timeouts, ZohoCrmApi.class));
    }

    static <T> T client(String baseUrl, ZohoConfig.Timeouts timeouts, Class<T> type) {
        return RestClientBuilder.newBuilder()
                .baseUri(URI.create(baseUrl))
                .connectTimeout(timeouts.connect().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(timeouts.read().toMillis(), TimeUnit.MILLISECONDS)
                // Zoho's error statuses carry envelopes we read ourselves.
                .property("microprofile.rest.client.disableDefaultMapper", true)
                .build(type);
    }

    /** One outcome per record sent, from a write's envelope; a request-level error fails the whole call. */
    private static List<RecordOutcome> outcomes(ZohoTransport.Answer answer, int expected, String what) {
        JsonNode data = answer.body().path("data");
        if (!data.isArray() && answer.status() < 300) {
            throw unknownOutcome(answer, what);
        }
        if (!data.isArray()) {
            throw ZohoErrors.exception(requestError(answer, what), false);
        }
        List<RecordOutcome> outcomes = new ArrayList<>(expected);
        for (JsonNode item : data) {
            if ("success".equalsIgnoreCase(item.path("status").asText())) {
                outcomes.add(RecordOutcome.ok(item.path("details").path("id").asText(null), item.path("action").asText(null)));
            } else {
                outcomes.add(ZohoErrors.outcome(ZohoJson.error(answer.status(), item)));
            }
        }
        if (outcomes.size() != expected) {
            throw unknownOutcome(answer, what);
        }
        return outcomes;
    }

    /**
     * A write answered with something that is not its envelope (no {@code data}, another number of items): Zoho may
     * have done it, and nothing says what it did.
     */
    private static CrmException unknownOutcome(ZohoTransport.Answer answer, String what) {
        return new CrmException(new CrmError(answer.status(), "OUTCOME_UNKNOWN", what + ": Zoho's answer did not say what was done", null, null,
                null), CrmException.Failure.UNKNOWN_OUTCOME);
    }

    /**
     * A read that succeeded, with its rows: a refusal fails as {@link #requireSuccess} says, and a 200 without {@code data}
     * is not "nobody", it is not an answer.
     */
    private static void requireRows(ZohoTransport.Answer answer, String what) {
        requireSuccess(answer, what);
        if (!answer.body().path("data").isArray()) {
            throw ZohoErrors.exception(new CrmError(answer.status(), "NOT_ZOHO_ANSWER", what + ": the answer carried no rows", null, null, null), true);
        }
    }

    private static void requireSuccess(ZohoTransport.Answer answer, String what) {
        if (answer.status() >= 300) {
            throw ZohoErrors.exception(requestError(answer, what), false);
        }
    }

    private static CrmError requestError(ZohoTransport.Answer answer, String what) {
        JsonNode body = answer.body();
        if (body.has("code")) {
            return ZohoJson.error(answer.status(), body);
        }
        return new CrmError(answer.status(), "UNEXPECTED_RESPONSE", what + ": HTTP " + answer.status(), null, null, null);
    }

    private static CrmRecord record(RecordKind module, JsonNode row) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = row.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            fields.put(e.getKey(), v.isNull() ? null : v.isNumber() ? v.numberValue() : v.isBoolean() ? v.booleanValue()
                    : v.isTextual() ? v.asText() : ZohoJson.MAPPER.convertValue(v, Object.class));
        }
        return new CrmRecord(module, row.path("id").asText(), row.path("Email").asText(null), fields,
                module == RecordKind.LEADS && row.path("Converted__s").asBoolean(false));
    }

    /** Zoho v8 answers {@code {"id": …, "name": …}}; older versions a bare id. */
    private static String idOf(JsonNode node) {
        if (node.isObject()) {
            return node.path("id").asText(null);
        }
        return node.isTextual() ? node.asText() : null;
    }

    /** A COQL string literal's content: quotes and backslashes escaped. */
    static String coqlString(String value) {
        return value.replace("\\", "\\\\").replace("'", "\\'");
    }

    /** The Zoho module of a kind of record, by its API name (in URLs and COQL). */
    static String zohoModule(RecordKind kind) {
        return switch (kind) {
            case LEADS -> "Leads";
            case CONTACTS -> "Contacts";
            case DEALS -> "Deals";
        };
    }
}
