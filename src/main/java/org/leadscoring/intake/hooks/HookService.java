package org.leadscoring.intake.hooks;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.leadscoring.config.LeadScoringConfig;
import org.leadscoring.store.Database;
import org.leadscoring.store.StoreException;

import io.quarkus.scheduler.Scheduled;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

/**
 * Triggers for Zaps: REST-hook subscriptions, the events they receive ({@code lead.qualified},
 * {@code lead.converted}), delivery with retry (a 410 answer ends the subscription), and the event list that
 * polling triggers read.
 */
@ApplicationScoped
public class HookService {

    private static final Logger LOG = Logger.getLogger(HookService.class);
    public static final String LEAD_QUALIFIED = "lead.qualified";
    public static final String LEAD_CONVERTED = "lead.converted";
    public static final List<String> EVENTS = List.of(LEAD_QUALIFIED, LEAD_CONVERTED);
    static final int MAX_ATTEMPTS = 8;

    @Inject
    Database db;

    @Inject
    LeadScoringConfig config;

    @Inject
    Vertx vertx;

    private HookTargets targets;
    private HttpClient http;
    private ExecutorService workers;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    @PostConstruct
    void start() {
        targets = new HookTargets(config.hooks().allowedHttpHosts().orElse(List.of()));
        int timeout = (int) config.hooks().timeout().toMillis();
        http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(timeout).setForceSni(true).setVerifyHost(true)
                .setMaxPoolSize(2).setKeepAlive(false));
        workers = org.leadscoring.config.Workers.pool("hook-delivery", config.hooks().concurrency());
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
        http.close();
    }

    /** The policy target URLs are held to, for subscriptions. */
    public HookTargets targets() {
        return targets;
    }

    /** A subscription of a Zap to an event. */
    public record Subscription(String id, String event, String targetUrl, Instant createdAt) {
    }

    /** An event as recorded: its unique id, kind, person, and payload (a {@link org.leadscoring.crm.HookPayload}). */
    public record Event(String id, String event, String email, String payloadJson, Instant createdAt) {
    }

    @Transactional
    public Subscription subscribe(String event, String targetUrl) {
        Subscription s = new Subscription("hook_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20), event, targetUrl, Instant.now());
        db.update("INSERT INTO hook_subscription (id, event, target_url, created_at) VALUES (?, ?, ?, ?)", s.id(), s.event(), s.targetUrl(),
                Timestamp.from(s.createdAt()));
        return s;
    }

    @Transactional
    public boolean unsubscribe(String id) {
        db.update("DELETE FROM hook_delivery WHERE subscription_id = ? AND done_at IS NULL", id);
        return db.update("DELETE FROM hook_subscription WHERE id = ?", id) == 1;
    }

    /** Records an event and schedules its delivery to every subscription of that event. */
    @Transactional
    public void emit(String event, String email, String intakeId, String payloadJson) {
        String id = event + ":" + intakeId;
        if (db.update("INSERT INTO hook_event (id, event, email, payload, created_at) SELECT ?, ?, ?, ?, ? FROM (VALUES (1)) AS one(x) "
                + "WHERE NOT EXISTS (SELECT 1 FROM hook_event WHERE id = ?)", id, event, email, payloadJson, Timestamp.from(Instant.now()), id) == 0) {
            return;
        }
        db.update("INSERT INTO hook_delivery (event_id, subscription_id, next_attempt_at) SELECT ?, id, ? FROM hook_subscription WHERE event = ?",
                id, Timestamp.from(Instant.now()), event);
    }

    /** The newest events of a kind first, for polling triggers. */
    public List<Event> newest(String event, int limit) {
        List<Event> out = new ArrayList<>();
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("SELECT * FROM hook_event WHERE event = ? ORDER BY seq DESC")) {
            ps.setString(1, event);
            ps.setMaxRows(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Event(rs.getString("id"), rs.getString("event"), rs.getString("email"), rs.getString("payload"),
                            rs.getTimestamp("created_at").toInstant()));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read hook events", e);
        }
        return out;
    }

    public Optional<Subscription> subscription(String id) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT * FROM hook_subscription WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Subscription(rs.getString("id"), rs.getString("event"), rs.getString("target_url"),
                        rs.getTimestamp("created_at").toInstant())) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read hook subscriptions", e);
        }
    }

    /**
     * Starts delivering due events; runs on a schedule and can be called directly. Each subscription is delivered
     * to on its own worker (at most {@code leadscoring.hooks.concurrency} at once), its events in order, so a slow
     * or dead target holds up only itself; a subscription still being delivered to is left for the next round.
     */
    @Scheduled(identity = "hook-delivery", executeWith = Scheduled.SIMPLE, every = "${leadscoring.hooks.delivery-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void deliverDue() {
        Map<String, List<Due>> bySubscription = new LinkedHashMap<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT d.id, d.subscription_id, s.target_url, e.payload, d.attempts FROM hook_delivery d "
                        + "JOIN hook_subscription s ON s.id = d.subscription_id JOIN hook_event e ON e.id = d.event_id "
                        + "WHERE d.done_at IS NULL AND d.next_attempt_at <= ? ORDER BY d.id")) {
            ps.setTimestamp(1, Timestamp.from(Instant.now()));
            ps.setMaxRows(500);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Due due = new Due(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5));
                    bySubscription.computeIfAbsent(due.subscriptionId(), k -> new ArrayList<>()).add(due);
                }
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read hook deliveries", e);
        }
        bySubscription.forEach((subscription, deliveries) -> {
            if (inFlight.add(subscription)) {
                workers.execute(() -> {
                    try {
                        deliverInOrder(deliveries);
                    } finally {
                        inFlight.remove(subscription);
                    }
                });
            }
        });
    }

    private record Due(long id, String subscriptionId, String url, String payload, int attempts) {
    }

    /** One subscription's due events, oldest first; the first failure waits with the rest for its retry. */
    private void deliverInOrder(List<Due> deliveries) {
        for (Due d : deliveries) {
            int status;
            String error;
            try {
                status = post(targets.resolve(d.url()), d.payload());
                error = "HTTP " + status;
            } catch (IllegalStateException refused) {
                status = 0;
                error = refused.getMessage();
            }
            if (status >= 200 && status < 300) {
                db.update("UPDATE hook_delivery SET done_at = ?, attempts = ? WHERE id = ?", Timestamp.from(Instant.now()), d.attempts() + 1, d.id());
                continue;
            }
            if (status == 410) {
                LOG.infof("Hook target answered 410 Gone: subscription %s removed", d.subscriptionId());
                unsubscribe(d.subscriptionId());
            } else if (d.attempts() + 1 >= MAX_ATTEMPTS) {
                db.update("UPDATE hook_delivery SET done_at = ?, attempts = ?, last_error = ? WHERE id = ?", Timestamp.from(Instant.now()),
                        d.attempts() + 1, "gave up: " + error, d.id());
            } else {
                long wait = Math.min(3600, 5L << d.attempts());
                db.update("UPDATE hook_delivery SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?", d.attempts() + 1,
                        Timestamp.from(Instant.now().plusSeconds(wait)), error, d.id());
            }
            return;
        }
    }

    /** POSTs to exactly the address that was checked (name resolution is not repeated), the host named for TLS. */
    private int post(HookTargets.Resolved target, String payload) {
        URI uri = target.uri();
        int port = uri.getPort() > 0 ? uri.getPort() : target.tls() ? 443 : 80;
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        long timeout = config.hooks().timeout().toMillis();
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost(uri.getHost()).setPort(port).setURI(path)
                .setSsl(target.tls()).setServer(SocketAddress.inetSocketAddress(port, target.address().getHostAddress()))
                .setTimeout(timeout).putHeader("Content-Type", "application/json");
        try {
            return http.request(options).compose(request -> request.send(payload)).map(HttpClientResponse::statusCode)
                    .toCompletionStage().toCompletableFuture().get(timeout + 1_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (ExecutionException | TimeoutException e) {
            return 0;
        }
    }
}
