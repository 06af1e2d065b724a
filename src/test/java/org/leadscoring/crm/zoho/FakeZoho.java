package org.leadscoring.crm.zoho;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stateful Zoho CRM (accounts server and API v8) on loopback, faithful to the reference: token endpoint and
 * token expiry, Leads and Contacts with create (201/207/400), update (200/207/400, at most 100), COQL lookups
 * (204 when empty), conversion (and {@code ID_ALREADY_CONVERTED}), paging with {@code more_records}, the
 * 2,000-record limit on numbered pages and {@code page_token} beyond. Faults can be injected: error bursts,
 * slow answers, expired tokens.
 */
public final class FakeZoho implements AutoCloseable {

    public static final String CLIENT_ID = "1000.FAKECLIENTID";
    public static final String CLIENT_SECRET = "fake-client-secret-5f1c";
    public static final String REFRESH_TOKEN = "1000.fake-refresh-token-9a7e";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A request as the fake received it. */
    public record Request(String method, String path, Map<String, String> query, Map<String, String> headers, String body) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * An answer given instead of the real one: to requests matching {@code when}, {@code remaining} times. With
     * {@code afterCommit} the request is carried out first and only its answer replaced — an answer lost after Zoho
     * committed.
     */
    private record Fault(Predicate<Request> when, int status, java.util.function.Function<Request, String> body, Map<String, String> headers,
            boolean afterCommit, AtomicInteger remaining) {
    }

    private final HttpServer server;
    private final Map<String, Map<String, ObjectNode>> modules = new ConcurrentHashMap<>();
    private final Map<String, Instant> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, String> rejectedUpdates = new ConcurrentHashMap<>();
    private final Set<String> rejectedCoqlFields = ConcurrentHashMap.newKeySet();
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    private final Deque<Fault> faults = new ArrayDeque<>();
    private final AtomicLong ids = new AtomicLong(5725767000000100000L);
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicInteger conversionsInFlight = new AtomicInteger();
    private final AtomicInteger maxConversionsInFlight = new AtomicInteger();
    private volatile Duration latency = Duration.ZERO;
    private volatile boolean validating = true;
    private volatile Predicate<Request> slowAfterWhen = r -> false;
    private volatile Duration slowAfter = Duration.ZERO;
    private volatile Duration tokenTtl = Duration.ofHours(1);

    private volatile boolean scheduleConversions;
    private volatile Set<String> uniqueFields = Set.of();
    private volatile boolean strictDuplicates;
    private volatile String creditsRemaining;
    private volatile Duration conversionJobTime = Duration.ofMillis(500);
    /** Zoho's default stages of Deals and their forecast types. */
    private static final Map<String, String> DEFAULT_STAGES = stages("Qualification", "Open", "Needs Analysis", "Open", "Value Proposition", "Open",
            "Proposal/Price Quote", "Open", "Negotiation/Review", "Open", "Closed Won", "Closed Won", "Closed Lost", "Closed Lost",
            "Closed Lost to Competition", "Closed Lost");
    private volatile Map<String, String> dealStages = DEFAULT_STAGES;

    static {
        // The JDK's HTTP server leaves Nagle's algorithm on unless told: a small answer then waits for the client's
        // delayed ACK, some 40 ms a call that Zoho does not cost. Read once, when the JVM's first HTTP server starts.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    public FakeZoho() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(32));
        server.createContext("/", this::handle);
        server.start();
        for (String m : List.of("Leads", "Contacts", "Accounts", "Deals")) {
            modules.put(m, Collections.synchronizedNavigableMap(new TreeMap<>()));
        }
    }

    /**
     * Runs the fake on its own, for tests outside the JVM (the Zapier app's {@code npm test}): prints
     * {@code FAKE_ZOHO_URL=<url>} and serves until its standard input closes, so it ends with the process that started it.
     */
    public static void main(String[] args) throws IOException {
        try (FakeZoho zoho = new FakeZoho()) {
            System.out.println("FAKE_ZOHO_URL=" + zoho.url());
            System.out.flush();
            while (System.in.read() >= 0) {
                // serve until the parent closes the pipe
            }
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // ---- test controls ---------------------------------------------------------------------------------------

    /** The next {@code times} requests matching {@code when} get this status and body instead of their answer. */
    public synchronized FakeZoho failNext(int times, Predicate<Request> when, int status, String body) {
        faults.addLast(new Fault(when, status, r -> body, Map.of(), false, new AtomicInteger(times)));
        return this;
    }

    /** The next {@code times} requests matching {@code when} get this status, these headers and a body made from the request. */
    public synchronized FakeZoho failNext(int times, Predicate<Request> when, int status, Map<String, String> headers,
            java.util.function.Function<Request, String> body) {
        faults.addLast(new Fault(when, status, body, headers, false, new AtomicInteger(times)));
        return this;
    }

    /**
     * The next {@code times} requests matching {@code when} are carried out (a record created, a Lead converted) and then
     * answered with this status and body instead: the answer lost after Zoho committed.
     */
    public synchronized FakeZoho loseAnswerNext(int times, Predicate<Request> when, int status, String body) {
        faults.addLast(new Fault(when, status, r -> body, Map.of(), true, new AtomicInteger(times)));
        return this;
    }

    /**
     * Whether a create's duplicate check compares addresses exactly (true) or as loosely as COQL does (false, the
     * default: case and some Unicode folded, so {@code dıana@} is a duplicate of {@code diana@}).
     */
    public FakeZoho strictDuplicates(boolean on) {
        strictDuplicates = on;
        return this;
    }

    /**
     * Every CRM answer says this many credits remain in the organisation's 24-hour window, as Zoho does once half are used
     * ({@code X-API-CREDITS-REMAINING}); null stops it. Any text, so that a test can send what Zoho should not.
     */
    public FakeZoho creditsRemaining(String value) {
        creditsRemaining = value;
        return this;
    }

    /** Creates refuse a value of one of these fields that another record of the module holds, with DUPLICATE_DATA naming it. */
    public FakeZoho uniqueFields(String... fields) {
        uniqueFields = Set.of(fields);
        return this;
    }

    public FakeZoho failNext(int times, int status, String body) {
        return failNext(times, r -> r.path().startsWith("/crm/"), status, body);
    }

    /** Requests matching {@code when} are carried out at once but answered only after {@code delay}. */
    public FakeZoho answerLate(Predicate<Request> when, Duration delay) {
        slowAfter = delay;
        slowAfterWhen = when;
        return this;
    }

    /** COQL naming {@code field} is refused with INVALID_QUERY, as some organisations refuse {@code Converted__s}. */
    public void refuseCoqlOn(String field) {
        rejectedCoqlFields.add(field);
    }

    /** Updates of this record fail with INVALID_DATA on {@code field}, as when a validation rule refuses them. */
    public void rejectUpdates(String id, String field) {
        rejectedUpdates.put(id, field);
    }

    /** Updates of record {@code id} are taken again. */
    public void acceptUpdates(String id) {
        rejectedUpdates.remove(id);
    }

    /** Conversions are answered 202 SCHEDULED and done half a second later, or (false) done at once. */
    public void scheduleConversions(boolean on) {
        scheduleConversions = on;
        conversionJobTime = Duration.ofMillis(500);
    }

    /** Conversions are answered 202 SCHEDULED and done {@code after} that long. */
    public void scheduleConversions(Duration after) {
        scheduleConversions = true;
        conversionJobTime = after;
    }

    /** Forgets every record and request, as a new organisation. */
    public void reset() {
        scheduleConversions = false;
        uniqueFields = Set.of();
        strictDuplicates = false;
        dealStages = DEFAULT_STAGES;
        rejectedUpdates.clear();
        rejectedCoqlFields.clear();
        modules.values().forEach(Map::clear);
        requests.clear();
        maxConversionsInFlight.set(0);
        clearFaults();
    }

    public synchronized void clearFaults() {
        faults.clear();
    }

    /**
     * Whether requests are checked against Zoho's OpenAPI files (on by default). Benchmarks switch it off: the
     * check of a 100-record update costs the fake tens of milliseconds, which would be counted as the service's.
     */
    public FakeZoho validating(boolean on) {
        validating = on;
        return this;
    }

    public FakeZoho latency(Duration d) {
        latency = d;
        return this;
    }

    public FakeZoho tokenTtl(Duration ttl) {
        tokenTtl = ttl;
        return this;
    }

    /** Every access token issued so far stops working, as after an hour. */
    public void expireTokens() {
        accessTokens.replaceAll((k, v) -> Instant.EPOCH);
    }

    public int tokensIssued() {
        return tokensIssued.get();
    }

    public int maxInFlight() {
        return maxInFlight.get();
    }

    /** The most Lead conversions answered at once since the last {@link #reset}. */
    public int maxConversionsInFlight() {
        return maxConversionsInFlight.get();
    }

    /** Requests that did not conform to Zoho's OpenAPI files. */
    public List<String> openApiViolations() {
        synchronized (violations) {
            return List.copyOf(violations);
        }
    }

    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    public List<Request> requests(String method, String pathPrefix) {
        return requests().stream().filter(r -> r.method().equals(method) && r.path().startsWith(pathPrefix)).toList();
    }

    public void clearRequests() {
        requests.clear();
    }

    /** Adds a record directly, as if someone created it in Zoho; returns its id. */
    public String seed(String module, Map<String, Object> fields) {
        ObjectNode record = JSON.valueToTree(fields);
        String id = String.valueOf(ids.incrementAndGet());
        record.put("id", id);
        if (!record.has("Modified_Time")) {
            record.put("Modified_Time", Instant.now().toString());
        }
        if (!record.has("Created_Time")) {
            record.put("Created_Time", record.path("Modified_Time").asText());
        }
        modules.get(module).put(id, record);
        return id;
    }

    /** Deletes a record, as someone would in Zoho; later writes to its id are refused as invalid. */
    public void delete(String module, String id) {
        modules.get(module).remove(id);
    }

    public Map<String, ObjectNode> records(String module) {
        synchronized (modules.get(module)) {
            return new LinkedHashMap<>(modules.get(module));
        }
    }

    // ---- HTTP ------------------------------------------------------------------------------------------------

    private void handle(HttpExchange ex) throws IOException {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        boolean conversion = false;
        // A call stops being in flight once its answer is ready, before it is sent: the client may send its next one as
        // soon as it has read this answer, and must not be counted as having two in flight.
        java.util.concurrent.atomic.AtomicBoolean left = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable leave = () -> {
            if (left.compareAndSet(false, true)) {
                inFlight.decrementAndGet();
            }
        };
        try {
            Request request = read(ex);
            requests.add(request);
            conversion = request.path().endsWith("/actions/convert");
            if (conversion) {
                maxConversionsInFlight.accumulateAndGet(conversionsInFlight.incrementAndGet(), Math::max);
            }
            if (validating && request.path().startsWith("/crm/")) {
                violations.addAll(ZohoOpenApi.check(request.method(), request.path(), request.query(), request.headers(), request.body()));
            }
            if (!latency.isZero()) {
                Thread.sleep(latency.toMillis());
            }
            if (creditsRemaining != null && request.path().startsWith("/crm/")) {
                ex.getResponseHeaders().set("X-API-CREDITS-REMAINING", creditsRemaining);
            }
            Fault fault = takeFault(request);
            if (fault != null && !fault.afterCommit()) {
                fault.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
                leave.run();
                send(ex, fault.status(), fault.body().apply(request));
                return;
            }
            Object[] answer = route(request);
            if (fault != null) {
                leave.run();
                send(ex, fault.status(), fault.body().apply(request));
                return;
            }
            if (slowAfterWhen.test(request)) {
                // The work is done and stored; only the answer is late, as when a caller dies waiting for it.
                Thread.sleep(slowAfter.toMillis());
            }
            leave.run();
            send(ex, (Integer) answer[0], answer[1] == null ? null : answer[1].toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            leave.run();
            send(ex, 500, "{\"code\":\"INTERNAL_ERROR\",\"message\":\"fake failed: " + e + "\",\"status\":\"error\",\"details\":{}}");
        } finally {
            leave.run();
            if (conversion) {
                conversionsInFlight.decrementAndGet();
            }
        }
    }

    private synchronized Fault takeFault(Request request) {
        for (Iterator<Fault> it = faults.iterator(); it.hasNext();) {
            Fault f = it.next();
            if (f.when.test(request)) {
                if (f.remaining.decrementAndGet() <= 0) {
                    it.remove();
                }
                return f;
            }
        }
        return null;
    }

    private Object[] route(Request r) {
        if (r.path().equals("/oauth/v2/token") && r.method().equals("POST")) {
            return token(r);
        }
        if (!r.path().startsWith("/crm/v8/")) {
            return error(404, "INVALID_URL_PATTERN", "Please check if the URL trying to access is a correct one");
        }
        String auth = r.headers().getOrDefault("authorization", "");
        Instant expiry = auth.startsWith("Zoho-oauthtoken ") ? accessTokens.get(auth.substring(16)) : null;
        if (expiry == null || Instant.now().isAfter(expiry)) {
            return error(401, "INVALID_TOKEN", "invalid oauth token");
        }
        String[] parts = r.path().substring("/crm/v8/".length()).split("/");
        if (parts[0].equals("coql") && r.method().equals("POST")) {
            return coql(r);
        }
        if (parts.length == 2 && parts[0].equals("settings") && parts[1].equals("fields") && r.method().equals("GET")) {
            return fields(r.query().get("module"));
        }
        if (parts.length == 4 && parts[0].equals("Leads") && parts[2].equals("actions") && parts[3].equals("convert")) {
            return convert(parts[1], r);
        }
        if (parts.length == 3 && modules.containsKey(parts[0]) && parts[1].equals("actions") && parts[2].equals("count")) {
            return new Object[] { 200, JSON.createObjectNode().put("count", String.valueOf(openRecords(parts[0]).size())) };
        }
        if (parts.length == 1 && modules.containsKey(parts[0])) {
            return switch (r.method()) {
                case "POST" -> create(parts[0], r);
                case "PUT" -> update(parts[0], r);
                case "GET" -> list(parts[0], r);
                default -> error(405, "INVALID_REQUEST_METHOD", "The http request method type is not a valid one");
            };
        }
        return error(400, "INVALID_MODULE", "the module name given seems to be invalid");
    }

    private Object[] token(Request r) {
        Map<String, String> form = parseQuery(r.body());
        if (!"refresh_token".equals(form.get("grant_type")) || !CLIENT_ID.equals(form.get("client_id"))
                || !CLIENT_SECRET.equals(form.get("client_secret")) || !REFRESH_TOKEN.equals(form.get("refresh_token"))) {
            return new Object[] { 200, "{\"error\":\"invalid_code\"}" };
        }
        String token = "1000.access-" + tokensIssued.incrementAndGet() + "-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
        accessTokens.put(token, Instant.now().plus(tokenTtl));
        ObjectNode body = JSON.createObjectNode().put("access_token", token).put("api_domain", url()).put("token_type", "Bearer")
                .put("expires_in", tokenTtl.toSeconds());
        return new Object[] { 200, body };
    }

    private Object[] create(String module, Request r) {
        ArrayNode data = (ArrayNode) r.json().path("data");
        if (data.size() > 100) {
            return error(400, "LIMIT_EXCEEDED", "the number of records exceeds the limit");
        }
        ArrayNode results = JSON.createArrayNode();
        int ok = 0;
        for (int i = 0; i < data.size(); i++) {
            ObjectNode record = (ObjectNode) data.get(i);
            ObjectNode problem = validate(module, record, i);
            if (problem != null) {
                results.add(problem);
                continue;
            }
            Map.Entry<String, ObjectNode> clash = duplicate(module, record);
            if (clash != null) {
                String field = clash.getKey();
                String other = clash.getValue().path("id").asText();
                results.add(itemError("DUPLICATE_DATA", "duplicate data", JSON.createObjectNode().put("api_name", field)
                        .put("json_path", "$.data[" + i + "]." + field).put("id", other)
                        .set("duplicate_record", JSON.createObjectNode().put("id", other))));
                continue;
            }
            String id = String.valueOf(ids.incrementAndGet());
            String now = Instant.now().toString();
            ObjectNode stored = record.deepCopy().put("id", id).put("Created_Time", now).put("Modified_Time", now);
            modules.get(module).put(id, stored);
            results.add(JSON.createObjectNode().put("code", "SUCCESS").put("status", "success").put("message", "record added")
                    .set("details", JSON.createObjectNode().put("id", id).put("Created_Time", stored.path("Created_Time").asText())));
            ok++;
        }
        int status = ok == data.size() ? 201 : ok == 0 ? 400 : 207;
        return new Object[] { status, JSON.createObjectNode().set("data", results) };
    }

    private ObjectNode validate(String module, ObjectNode record, int i) {
        if (!record.hasNonNull("Last_Name") || record.path("Last_Name").asText().isBlank()) {
            return itemError("MANDATORY_NOT_FOUND", "required field not found",
                    JSON.createObjectNode().put("api_name", "Last_Name").put("json_path", "$.data[" + i + "].Last_Name"));
        }
        if (record.has("Email") && !record.path("Email").asText().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            return itemError("INVALID_DATA", "invalid data",
                    JSON.createObjectNode().put("api_name", "Email").put("json_path", "$.data[" + i + "].Email").put("expected_data_type", "email"));
        }
        return null;
    }

    private Object[] update(String module, Request r) {
        JsonNode body = r.json();
        ArrayNode data = (ArrayNode) body.path("data");
        if (data.size() > 100) {
            return error(400, "LIMIT_EXCEEDED", "the number of records exceeds the limit");
        }
        ArrayNode results = JSON.createArrayNode();
        int ok = 0;
        for (int i = 0; i < data.size(); i++) {
            JsonNode item = data.get(i);
            String id = item.path("id").asText(null);
            ObjectNode stored = id == null ? null : modules.get(module).get(id);
            if (id != null && rejectedUpdates.containsKey(id)) {
                results.add(itemError("INVALID_DATA", "invalid data", JSON.createObjectNode().put("api_name", rejectedUpdates.get(id))
                        .put("json_path", "$.data[" + i + "]." + rejectedUpdates.get(id))));
                continue;
            }
            if (stored == null) {
                results.add(itemError("INVALID_DATA", "the id given seems to be invalid",
                        JSON.createObjectNode().put("api_name", "id").put("json_path", "$.data[" + i + "].id")));
                continue;
            }
            stored.setAll((ObjectNode) item);
            stored.put("Modified_Time", Instant.now().toString());
            results.add(JSON.createObjectNode().put("code", "SUCCESS").put("status", "success").put("message", "record updated")
                    .set("details", JSON.createObjectNode().put("id", id)));
            ok++;
        }
        int status = ok == data.size() ? 200 : ok == 0 ? 400 : 207;
        return new Object[] { status, JSON.createObjectNode().set("data", results) };
    }

    private Object[] list(String module, Request r) {
        Map<String, String> q = r.query();
        if (!q.containsKey("fields")) {
            return error(400, "REQUIRED_PARAM_MISSING", "One of the expected parameter is missing", JSON.createObjectNode().put("param_name", "fields"));
        }
        int perPage = Integer.parseInt(q.getOrDefault("per_page", "200"));
        if (perPage < 1 || perPage > 200) {
            return error(400, "INVALID_DATA", "invalid data", JSON.createObjectNode().put("api_name", "per_page"));
        }
        int offset;
        int page = 1;
        if (q.containsKey("page_token")) {
            String token = q.get("page_token");
            if (!token.startsWith("pt-")) {
                return error(400, "INVALID_DATA", "invalid data", JSON.createObjectNode().put("api_name", "page_token"));
            }
            offset = Integer.parseInt(token.substring(3));
        } else {
            page = Integer.parseInt(q.getOrDefault("page", "1"));
            if (page * perPage > 2000) {
                return error(400, "DISCRETE_PAGINATION_LIMIT_EXCEEDED", "You can only get the first 2000 records without using page_token param",
                        JSON.createObjectNode().put("limit", 2000));
            }
            offset = (page - 1) * perPage;
        }
        List<ObjectNode> all = openRecords(module);
        if (offset >= all.size()) {
            return new Object[] { 204, null };
        }
        List<String> fields = List.of(q.get("fields").split(","));
        ArrayNode data = JSON.createArrayNode();
        all.subList(offset, Math.min(all.size(), offset + perPage)).forEach(rec -> data.add(project(rec, fields)));
        boolean more = offset + perPage < all.size();
        ObjectNode info = JSON.createObjectNode().put("per_page", perPage).put("count", data.size()).put("page", page).put("more_records", more)
                .put("sort_by", "id").put("sort_order", "asc");
        if (more) {
            info.put("next_page_token", "pt-" + (offset + perPage));
        } else {
            info.putNull("next_page_token");
        }
        return new Object[] { 200, JSON.createObjectNode().<ObjectNode>set("data", data).set("info", info) };
    }

    /** The COQL the service sends: {@code select … from M where c [and c …] [order by id asc] [limit n]}. */
    private static final Pattern QUERY = Pattern.compile(
            "select (.+?) from (\\w+) where (.+?)(?: order by id(?: asc)?)?(?: limit (\\d+))?", Pattern.CASE_INSENSITIVE);
    /** One criterion: a field, an operator, and a quoted text or a boolean. */
    private static final Pattern CRITERION = Pattern.compile("(\\w+) (=|>|>=|<|<=) ('(?:[^'\\\\]|\\\\.)*'|true|false)", Pattern.CASE_INSENSITIVE);
    /** Zoho's COQL answers at most this many rows a call. */
    static final int COQL_MAX_LIMIT = 2000;

    /**
     * COQL as far as the service uses it: criteria joined by {@code and} on {@code Email} (case-insensitive), {@code id}
     * (compared as a number: ids are 19-digit), {@code Modified_Time} (as an instant) and {@code Converted__s}; rows in
     * id order; LIMIT up to 2,000 (200 when left out); {@code more_records}; 204 when no row matches. Converted Leads are
     * answered like any other unless {@code Converted__s = false} filters them out (Zoho does not say; this is the
     * conservative reading). A lookup by email answers open records only, as before.
     */
    private Object[] coql(Request r) {
        String query = r.json().path("select_query").asText("").trim();
        Matcher m = QUERY.matcher(query);
        if (!m.matches()) {
            return error(400, "SYNTAX_ERROR", "error occured while parsing the query");
        }
        String module = m.group(2);
        if (!modules.containsKey(module)) {
            return error(400, "INVALID_QUERY", "invalid query formed", JSON.createObjectNode().put("reason", "invalid module"));
        }
        int limit = m.group(4) == null ? 200 : Integer.parseInt(m.group(4));
        if (limit < 1 || limit > COQL_MAX_LIMIT) {
            return error(400, "LIMIT_EXCEEDED", "the limit given exceeds the maximum limit", JSON.createObjectNode().put("limit", COQL_MAX_LIMIT));
        }
        List<Predicate<ObjectNode>> criteria = new ArrayList<>();
        String where = m.group(3).trim();
        while (where.startsWith("(") && where.endsWith(")")) {
            where = where.substring(1, where.length() - 1).trim();
        }
        for (String part : where.split("(?i) and (?=(?:[^']*'[^']*')*[^']*$)")) {
            Matcher c = CRITERION.matcher(part.trim().replaceAll("^\\(|\\)$", ""));
            if (!c.matches()) {
                return error(400, "SYNTAX_ERROR", "error occured while parsing the query");
            }
            if (rejectedCoqlFields.contains(c.group(1))) {
                return error(400, "INVALID_QUERY", "invalid query formed", JSON.createObjectNode().put("column_name", c.group(1)));
            }
            criteria.add(criterion(c.group(1), c.group(2), c.group(3)));
        }
        boolean byEmail = criteria.size() == 1 && where.toLowerCase(java.util.Locale.ROOT).startsWith("email =");
        Matcher after = Pattern.compile("\\bid > '(\\d+)'").matcher(where);
        List<ObjectNode> rows;
        synchronized (modules.get(module)) {
            // Records are kept by id; the fake's ids all have 19 digits, so their order as text is their order as numbers,
            // and a keyset read starts where the last one ended instead of scanning every record.
            boolean keyset = !byEmail && after.find() && after.group(1).length() == 19;
            java.util.stream.Stream<ObjectNode> matching = keyset
                    ? ((java.util.NavigableMap<String, ObjectNode>) modules.get(module)).tailMap(after.group(1), false).values().stream()
                            .filter(rec -> criteria.stream().allMatch(p -> p.test(rec)))
                    : (byEmail ? openRecords(module) : modules.get(module).values()).stream().filter(rec -> criteria.stream().allMatch(p -> p.test(rec)))
                            .sorted(java.util.Comparator.comparing(rec -> new java.math.BigInteger(rec.path("id").asText())));
            rows = matching.limit(limit + 1L).toList();
        }
        if (rows.isEmpty()) {
            return new Object[] { 204, null };
        }
        List<String> fields = List.of(m.group(1).split("\\s*,\\s*"));
        ArrayNode data = JSON.createArrayNode();
        rows.stream().limit(limit).forEach(rec -> data.add(project(rec, fields)));
        ObjectNode info = JSON.createObjectNode().put("count", data.size()).put("more_records", rows.size() > limit);
        return new Object[] { 200, JSON.createObjectNode().<ObjectNode>set("data", data).set("info", info) };
    }

    private static Predicate<ObjectNode> criterion(String field, String op, String literal) {
        String text = literal.startsWith("'") ? literal.substring(1, literal.length() - 1).replace("\\'", "'").replace("\\\\", "\\") : literal;
        switch (field) {
            case "Email":
                return rec -> text.equalsIgnoreCase(rec.path("Email").asText());
            case "Converted__s":
                return rec -> rec.path("$converted").asBoolean(false) == Boolean.parseBoolean(text);
            case "id": {
                java.math.BigInteger value = new java.math.BigInteger(text);
                return rec -> compares(new java.math.BigInteger(rec.path("id").asText()).compareTo(value), op);
            }
            case "Modified_Time": {
                Instant value = java.time.OffsetDateTime.parse(text).toInstant();
                return rec -> rec.hasNonNull("Modified_Time") && compares(Instant.parse(rec.path("Modified_Time").asText()).compareTo(value), op);
            }
            default:
                return rec -> text.equals(rec.path(field).asText(null));
        }
    }

    private static boolean compares(int order, String op) {
        return switch (op) {
            case "=" -> order == 0;
            case ">" -> order > 0;
            case ">=" -> order >= 0;
            case "<" -> order < 0;
            default -> order <= 0;
        };
    }

    private Object[] convert(String leadId, Request r) {
        ObjectNode lead = modules.get("Leads").get(leadId);
        if (lead == null) {
            return error(400, "INVALID_DATA", "the id given seems to be invalid", JSON.createObjectNode().put("api_name", "id"));
        }
        if (lead.path("$converted").asBoolean(false)) {
            return new Object[] { 400, JSON.createObjectNode().set("data", JSON.createArrayNode().add(itemError("ID_ALREADY_CONVERTED",
                    "id already converted", JSON.createObjectNode().put("resource_path_index", 1)))) };
        }
        JsonNode options = r.json().path("data").path(0);
        if (scheduleConversions) {
            // As Zoho does for a busy organisation: 202 with a job id, the conversion done a moment later.
            String job = String.valueOf(ids.incrementAndGet());
            java.util.concurrent.CompletableFuture.delayedExecutor(conversionJobTime.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                    .execute(() -> converted(lead, options));
            ObjectNode item = JSON.createObjectNode().put("code", "SCHEDULED").put("status", "success")
                    .put("message", "Convert lead scheduled successfully");
            item.set("details", JSON.createObjectNode().put("job_id", job));
            return new Object[] { 202, JSON.createObjectNode().set("data", JSON.createArrayNode().add(item)) };
        }
        ObjectNode item = JSON.createObjectNode().put("code", "SUCCESS").put("status", "success").put("message", "The record has been converted successfully");
        item.set("details", converted(lead, options));
        return new Object[] { 200, JSON.createObjectNode().set("data", JSON.createArrayNode().add(item)) };
    }

    /** The fields of a module as {@code GET /settings/fields} answers them: here the stages of Deals with their forecast types. */
    private Object[] fields(String module) {
        if (!"Deals".equals(module)) {
            return error(400, "INVALID_MODULE", "the module name given seems to be invalid");
        }
        ArrayNode values = JSON.createArrayNode();
        int sequence = 1;
        for (Map.Entry<String, String> stage : dealStages.entrySet()) {
            values.add(JSON.createObjectNode().put("actual_value", stage.getKey()).put("display_value", stage.getKey())
                    .put("sequence_number", sequence++).put("type", "used").put("forecast_type", stage.getValue()));
        }
        ObjectNode stage = JSON.createObjectNode().put("api_name", "Stage").put("data_type", "picklist");
        stage.set("pick_list_values", values);
        return new Object[] { 200, JSON.createObjectNode().set("fields", JSON.createArrayNode().add(stage)) };
    }

    /** Converts a Lead as a salesperson does in Zoho (not through the API): its Contact made, the Lead marked converted by them. */
    public String convertAsSales(String leadId, String salesperson) {
        ObjectNode lead = modules.get("Leads").get(leadId);
        String contactId = converted(lead, JSON.createObjectNode()).path("Contacts").path("id").asText();
        ObjectNode user = JSON.createObjectNode().put("id", "9000" + Math.abs(salesperson.hashCode())).put("name", salesperson);
        lead.set("Modified_By", user);
        modules.get("Contacts").get(contactId).set("Created_By", user);
        return contactId;
    }

    /** Time passes: every record's creation and last modification are {@code by} older. */
    public void age(Duration by) {
        for (Map<String, ObjectNode> module : modules.values()) {
            synchronized (module) {
                for (ObjectNode r : module.values()) {
                    for (String f : List.of("Modified_Time", "Created_Time")) {
                        if (r.hasNonNull(f)) {
                            r.put(f, java.time.OffsetDateTime.parse(r.path(f).asText()).minus(by).toInstant().toString());
                        }
                    }
                }
            }
        }
    }

    /** Changes fields of a record as someone would in Zoho (its modification time moves). */
    public void edit(String module, String id, Map<String, Object> fields) {
        ObjectNode record = modules.get(module).get(id);
        fields.forEach((k, v) -> record.set(k, JSON.valueToTree(v)));
        record.put("Modified_Time", Instant.now().toString());
    }

    /** The stages of Deals, by actual value, with their forecast types (Open, Closed Won, Closed Lost), in order. */
    public FakeZoho dealStages(Map<String, String> stages) {
        dealStages = new LinkedHashMap<>(stages);
        return this;
    }

    /** Converts a Lead: its Contact (and Account, Deal) made, the Lead marked converted; answers the conversion's details. */
    private synchronized ObjectNode converted(ObjectNode lead, JsonNode options) {
        Map<String, Object> contact = new LinkedHashMap<>();
        copy(lead, contact, "Email", "Email");
        copy(lead, contact, "First_Name", "First_Name");
        copy(lead, contact, "Last_Name", "Last_Name");
        copy(lead, contact, "Designation", "Title");
        copy(lead, contact, "Lead_Score", "Lead_Score");
        copy(lead, contact, "Lead_Grade", "Lead_Grade");
        String contactId = seed("Contacts", contact);
        ObjectNode details = JSON.createObjectNode();
        details.set("Contacts", JSON.createObjectNode().put("id", contactId).put("name", lead.path("Last_Name").asText()));
        if (lead.hasNonNull("Company")) {
            String accountId = seed("Accounts", Map.of("Account_Name", lead.path("Company").asText()));
            details.set("Accounts", JSON.createObjectNode().put("id", accountId).put("name", lead.path("Company").asText()));
        } else {
            details.putNull("Accounts");
        }
        if (options.has("Deals")) {
            String dealId = seed("Deals", JSON.convertValue(options.path("Deals"), Map.class));
            details.set("Deals", JSON.createObjectNode().put("id", dealId).put("name", options.path("Deals").path("Deal_Name").asText()));
        } else {
            details.putNull("Deals");
        }
        lead.put("$converted", true);
        lead.put("Converted_Date_Time", java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).withNano(0).toString());
        lead.set("Converted_Contact", details.get("Contacts"));
        lead.put("Modified_Time", Instant.now().toString());
        lead.set("Modified_By", JSON.createObjectNode().put("id", "9000000000000000001").put("name", "API user"));
        return details;
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static Map<String, String> stages(String... stageThenForecastType) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < stageThenForecastType.length; i += 2) {
            out.put(stageThenForecastType[i], stageThenForecastType[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    private List<ObjectNode> openRecords(String module) {
        synchronized (modules.get(module)) {
            return modules.get(module).values().stream().filter(rec -> !rec.path("$converted").asBoolean(false)).toList();
        }
    }

    /**
     * The first unique field of {@code record} that an open record of the module holds too, with that record: the
     * {@link #uniqueFields} compared exactly, then {@code Email} compared as {@link #strictDuplicates} says.
     */
    private Map.Entry<String, ObjectNode> duplicate(String module, ObjectNode record) {
        for (ObjectNode rec : openRecords(module)) {
            for (String f : uniqueFields) {
                if (record.hasNonNull(f) && record.path(f).asText().equals(rec.path(f).asText(null))) {
                    return Map.entry(f, rec);
                }
            }
        }
        String email = record.path("Email").asText(null);
        ObjectNode existing = email == null ? null : strictDuplicates
                ? openRecords(module).stream().filter(rec -> email.equals(rec.path("Email").asText())).findFirst().orElse(null)
                : findByEmail(module, email);
        return existing == null ? null : Map.entry("Email", existing);
    }

    private ObjectNode findByEmail(String module, String email) {
        return openRecords(module).stream().filter(rec -> email.equalsIgnoreCase(rec.path("Email").asText())).findFirst().orElse(null);
    }

    private static ObjectNode project(ObjectNode rec, List<String> fields) {
        ObjectNode out = JSON.createObjectNode().put("id", rec.path("id").asText());
        for (String f : fields) {
            if (f.equals("Converted__s")) {
                out.put(f, rec.path("$converted").asBoolean(false));
            } else if (!f.equals("id")) {
                out.set(f, rec.has(f) ? rec.get(f) : JSON.nullNode());
            }
        }
        return out;
    }

    private static void copy(ObjectNode from, Map<String, Object> to, String fromField, String toField) {
        if (from.hasNonNull(fromField)) {
            to.put(toField, JSON.convertValue(from.get(fromField), Object.class));
        }
    }

    private static ObjectNode itemError(String code, String message, ObjectNode details) {
        ObjectNode item = JSON.createObjectNode().put("code", code).put("status", "error").put("message", message);
        item.set("details", details);
        return item;
    }

    private static Object[] error(int status, String code, String message) {
        return error(status, code, message, JSON.createObjectNode());
    }

    private static Object[] error(int status, String code, String message, ObjectNode details) {
        return new Object[] { status, itemError(code, message, details) };
    }

    private static Request read(HttpExchange ex) throws IOException {
        String body;
        try (InputStream in = ex.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, String> headers = new HashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), String.join(",", v)));
        return new Request(ex.getRequestMethod(), ex.getRequestURI().getPath(), parseQuery(ex.getRequestURI().getRawQuery()), headers, body);
    }

    static Map<String, String> parseQuery(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        if (body == null || status == 204) {
            ex.sendResponseHeaders(status, -1);
            ex.close();
            return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", body.startsWith("<") ? "text/html;charset=UTF-8" : "application/json;charset=UTF-8");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
