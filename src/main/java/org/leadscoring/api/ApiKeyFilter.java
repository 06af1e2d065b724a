package org.leadscoring.api;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every {@code /api/**} request needs a valid {@code X-API-Key} (401 otherwise), and each key may make at most
 * {@code leadscoring.limits.requests-per-second} requests a second (429 with {@code Retry-After} otherwise). The
 * rules workbench, {@code /api/workbench/**}, takes a person signed in through the company's OpenID Connect provider
 * (the session of {@code /workbench/sign-in}, or a bearer token) or an admin key in {@code X-Admin-Key} instead
 * (see {@link AdminKeys}), and so do the reports it shows ({@code GET /api/reports/**}, {@code GET /api/prospects/**})
 * and the re-scoring runs and outcome syncs it lists and starts ({@code /api/rescoring/runs/**}, {@code /api/outcomes/sync(s)}). A person signed in may do what their
 * role allows ({@link #required}, {@link Caller}); 403 otherwise. The caller becomes the request's security context.
 * A client that sends more than {@code leadscoring.limits.failed-keys-per-minute} wrong keys in a minute is answered
 * 429 until the minute is over ({@link KeyFailures}); wrong keys are logged with the client's address, never the key,
 * and counted ({@code leadscoring_keys_refused_total}).
 */
public class ApiKeyFilter {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ApiKeyFilter.class);

    public static final String HEADER = "X-API-Key";

    private final jakarta.inject.Provider<AdminKeys> adminKeys;
    private final jakarta.inject.Provider<ApiKeys> keys;
    private final jakarta.inject.Provider<org.leadscoring.config.LeadScoringConfig> config;
    private final jakarta.inject.Provider<org.leadscoring.metrics.ServiceMetrics> metrics;
    private final jakarta.inject.Provider<SignIn> signIn;

    @Inject
    ApiKeyFilter(jakarta.inject.Provider<AdminKeys> adminKeys,
            jakarta.inject.Provider<ApiKeys> keys,
            jakarta.inject.Provider<org.leadscoring.config.LeadScoringConfig> config,
            jakarta.inject.Provider<org.leadscoring.metrics.ServiceMetrics> metrics,
            jakarta.inject.Provider<SignIn> signIn) {
        this.adminKeys = adminKeys;
        this.keys = keys;
        this.config = config;
        this.metrics = metrics;
        this.signIn = signIn;
    }

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private volatile KeyFailures failures;

    private record Window(long second, AtomicInteger count) {
    }

    @ServerRequestFilter(preMatching = true, priority = jakarta.ws.rs.Priorities.AUTHENTICATION)
    public Response check(ContainerRequestContext request, io.vertx.core.http.HttpServerRequest http, io.vertx.ext.web.RoutingContext routing) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/api/") && !path.equals("/api")) {
            return null;
        }
        String client = http.remoteAddress() == null ? "?" : http.remoteAddress().hostAddress();
        java.util.OptionalLong wait = failures().waitFor(client);
        if (wait.isPresent()) {
            return Response.fromResponse(ErrorMappers.json(429, ApiError.of("too_many_failed_keys", "Too many wrong keys from this address;"
                    + " retry after " + wait.getAsLong() + " seconds"))).header("Retry-After", Long.toString(wait.getAsLong())).build();
        }
        Response answer = authenticate(request, path, routing);
        if (answer != null && answer.getStatus() == 401 && (request.getHeaderString(HEADER) != null || request.getHeaderString(AdminKeys.HEADER) != null)) {
            long count = failures().failed(client);
            boolean apiKey = request.getHeaderString(HEADER) != null;
            metrics.get().keyRefused(apiKey ? "api" : "admin");
            // The first wrong key of a minute and every tenth after it: enough to see a guessing client, not a log flood. Never the key.
            if (count == 1 || count % 10 == 0) {
                LOG.warnf("Refused a wrong %s from %s (%d this minute)", apiKey ? "API key" : "admin key", client, count);
            }
        }
        return answer;
    }

    private KeyFailures failures() {
        KeyFailures f = failures;
        if (f == null) {
            f = new KeyFailures(config.get().limits().failedKeysPerMinute(), System::currentTimeMillis);
            failures = f;
        }
        return f;
    }

    /** Which key a request may carry: the one rule this filter applies and the API's document states ({@link OpenApiContract}). */
    public enum Access {
        /** {@code X-API-Key} only. */
        API_KEY,
        /** {@code X-Admin-Key} only: the rules workbench. */
        ADMIN_KEY,
        /** Either: what the workbench shows and starts, which scripts read with the API key. */
        EITHER
    }

    /** The key a request to {@code path} with {@code method} takes. */
    public static Access access(String method, String path) {
        if (path.equals("/api/workbench") || path.startsWith("/api/workbench/")) {
            return Access.ADMIN_KEY;
        }
        if (method.equals("GET") && (path.startsWith("/api/reports/") || path.startsWith("/api/prospects/"))) {
            // The reports the workbench shows (calibration, a prospect's history and outcome) take its key too: read only.
            return Access.EITHER;
        }
        if (path.equals("/api/outcomes/sync") || path.equals("/api/outcomes/syncs") || path.startsWith("/api/outcomes/syncs/")) {
            // "Does it work?" offers a sync from Zoho when no outcome is known yet, and follows it (an editor's, as it spends credits).
            return Access.EITHER;
        }
        if (path.equals("/api/rescoring/runs") || path.startsWith("/api/rescoring/runs/")) {
            // The workbench's re-scoring view lists runs and starts them (a dry run first) with its key.
            return Access.EITHER;
        }
        return Access.API_KEY;
    }

    /**
     * The role a person signed in needs for {@code method} on {@code path} (keys hold every role): reading is a viewer's,
     * publishing and rolling back a publisher's, every other change an editor's (a re-scoring run that writes to Zoho
     * is a publisher's too; the run's resource checks that, as only its body says so).
     */
    public static Caller.Role required(String method, String path) {
        if (!changes(method)) {
            return Caller.Role.VIEWER;
        }
        if (path.startsWith("/api/workbench/") && (path.endsWith("/publish") || path.endsWith("/rollback"))) {
            return Caller.Role.PUBLISHER;
        }
        return Caller.Role.EDITOR;
    }

    private Response authenticate(ContainerRequestContext request, String path, io.vertx.ext.web.RoutingContext routing) {
        Access access = access(request.getMethod(), path);
        // Where either is taken: an admin key when one is sent, else the API key when one is sent, else the person signed in.
        java.util.Optional<Caller> person = request.getHeaderString(AdminKeys.HEADER) == null && (access == Access.ADMIN_KEY
                || access == Access.EITHER && request.getHeaderString(HEADER) == null) ? signIn.get().caller(routing) : java.util.Optional.empty();
        if (access == Access.ADMIN_KEY || access == Access.EITHER && (request.getHeaderString(AdminKeys.HEADER) != null || person.isPresent())) {
            return admin(request, path, person);
        }
        String key = request.getHeaderString(HEADER);
        if (!keys.get().valid(key)) {
            return ErrorMappers.json(401, ApiError.of("unauthorized", key == null
                    ? "Send your API key in the X-API-Key header" : "The API key in X-API-Key is not valid"));
        }
        long second = System.currentTimeMillis() / 1000;
        Window w = windows.compute(key, (k, old) -> old == null || old.second() != second ? new Window(second, new AtomicInteger()) : old);
        if (w.count().incrementAndGet() > config.get().limits().requestsPerSecond()) {
            return Response.fromResponse(ErrorMappers.json(429, ApiError.of("too_many_requests",
                    "More than " + config.get().limits().requestsPerSecond() + " requests a second; retry after 1 second"))).header("Retry-After", "1").build();
        }
        request.setSecurityContext(Caller.key("api", Caller.Via.API_KEY).context(secure(request)));
        return null;
    }

    /** An admin key when one is sent, else the person signed in; then the role the request needs. */
    private Response admin(ContainerRequestContext request, String path, java.util.Optional<Caller> person) {
        AdminKeys admins = adminKeys.get();
        if (!admins.enabled() && !signIn.get().enabled()) {
            return ErrorMappers.json(403, ApiError.of("admin_disabled",
                    "The rules workbench is off: set leadscoring.admin-key or sign-in (quarkus.oidc.*) to turn it on"));
        }
        String key = request.getHeaderString(AdminKeys.HEADER);
        Caller caller;
        if (key != null) {
            java.util.Optional<String> name = admins.nameOf(key);
            if (name.isEmpty()) {
                return ErrorMappers.json(401, ApiError.of("unauthorized", admins.enabled()
                        ? "The admin key in X-Admin-Key is not valid" : "No admin key is set (leadscoring.admin-key): sign in instead"));
            }
            caller = Caller.key(name.get(), Caller.Via.ADMIN_KEY);
        } else {
            if (person.isEmpty()) {
                return ErrorMappers.json(401, ApiError.of("unauthorized", signIn.get().enabled()
                        ? "Sign in at /workbench/sign-in, or send an admin key in the X-Admin-Key header"
                        : "Send your admin key in the X-Admin-Key header"));
            }
            caller = person.get();
            if (!bearer(request) && changes(request.getMethod()) && request.getHeaderString("X-Requested-With") == null) {
                // A session cookie goes with any request the browser sends, a form of another site's included; the page's
                // own calls name themselves, which a cross-site form cannot and a cross-site script may not without CORS.
                return ErrorMappers.json(403, ApiError.of("cross_site_request",
                        "A change with the sign-in session must come from the workbench page (X-Requested-With)"));
            }
        }
        Caller.Role needed = required(request.getMethod(), path);
        if (!caller.may(needed)) {
            LOG.infof("Refused %s %s to a caller without the %s role", request.getMethod(), path, needed.word());
            return ErrorMappers.json(403, ApiError.of("forbidden", caller.roles().isEmpty()
                    ? "You are signed in without a workbench role: ask for viewer, editor or publisher"
                    : "This needs the " + needed.word() + " role; yours: " + caller.roles().stream().map(Caller.Role::word).toList()));
        }
        request.setSecurityContext(caller.context(secure(request)));
        return null;
    }

    private static boolean bearer(ContainerRequestContext request) {
        String authorization = request.getHeaderString("Authorization");
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
    }

    private static boolean changes(String method) {
        return !method.equals("GET") && !method.equals("HEAD") && !method.equals("OPTIONS");
    }

    private static boolean secure(ContainerRequestContext request) {
        return "https".equals(request.getUriInfo().getRequestUri().getScheme());
    }
}
