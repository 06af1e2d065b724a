package org.leadscoring.intake.hooks;

import java.net.URI;
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
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.leadscoring.crm.HookPayload;
import org.leadscoring.crm.ProspectRecorded;
import org.leadscoring.intake.hooks.HookRepository.Delivery;
import org.leadscoring.intake.hooks.HookRepository.Event;
import org.leadscoring.intake.hooks.HookRepository.Subscription;
import org.leadscoring.jobs.WorkItem;
import org.leadscoring.jobs.Worker;
import org.leadscoring.metrics.ServiceMetrics;
import org.leadscoring.store.Json;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

/**
 * Triggers for Zaps: REST-hook subscriptions, the events they receive ({@code lead.qualified},
 * {@code lead.converted}, {@code score.changed}, {@code prospect.rejected}), delivery with retry (a 410 answer ends the subscription), and the event list that
 * polling triggers read.
 */
@ApplicationScoped
public class HookService implements Worker {

    private static final Logger LOG = Logger.getLogger(HookService.class);
    public static final String LEAD_QUALIFIED = "lead.qualified";
    public static final String LEAD_CONVERTED = "lead.converted";
    /** A prospect's score or grade changed (an intake, a re-scoring write): not their first score. */
    public static final String SCORE_CHANGED = "score.changed";
    /** A prospect was rejected (spam, a test entry, a competitor): nothing was written to the CRM. */
    public static final String PROSPECT_REJECTED = "prospect.rejected";
    public static final List<String> EVENTS = List.of(LEAD_QUALIFIED, LEAD_CONVERTED, SCORE_CHANGED, PROSPECT_REJECTED);
    static final int MAX_ATTEMPTS = 8;

    private final HookRepository hooks;
    private final HooksConfig config;
    private final Vertx vertx;
    private final Json json;
    private final ServiceMetrics metrics;

    @Inject
    HookService(HookRepository hooks, HooksConfig config, Vertx vertx, Json json, ServiceMetrics metrics) {
        this.hooks = hooks;
        this.config = config;
        this.vertx = vertx;
        this.json = json;
        this.metrics = metrics;
    }

    private HookTargets targets;
    private HttpClient http;
    private ExecutorService workers;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    @PostConstruct
    void start() {
        targets = new HookTargets(config.allowedHttpHosts().orElse(List.of()));
        int timeout = (int) config.timeout().toMillis();
        http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(timeout).setForceSni(true).setVerifyHost(true)
                .setMaxPoolSize(2).setKeepAlive(false));
        workers = org.leadscoring.jobs.Workers.pool("hook-delivery", config.concurrency());
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

    @Transactional
    public Subscription subscribe(String event, String targetUrl) {
        Subscription s = new Subscription("hook_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20), event, targetUrl, Instant.now());
        hooks.add(s);
        return s;
    }

    public boolean unsubscribe(String id) {
        return hooks.remove(id);
    }

    public Optional<Subscription> subscription(String id) {
        return hooks.subscription(id);
    }

    /**
     * Turns a person {@linkplain org.leadscoring.crm.Recorder recorded} into the hook events it calls for, each with the
     * same payload whichever path got there: {@code score.changed} when their score or grade moved,
     * {@code prospect.rejected} when they were rejected, {@code lead.qualified} on a new qualification,
     * {@code lead.converted} when a Lead was converted now. Runs in the recorder's transaction.
     */
    void on(@Observes ProspectRecorded r) {
        if (r.scoreChanged()) {
            emit(SCORE_CHANGED, r);
        }
        if (r.rejected()) {
            emit(PROSPECT_REJECTED, r);
        }
        if (r.qualified()) {
            emit(LEAD_QUALIFIED, r);
        }
        if (r.converted()) {
            emit(LEAD_CONVERTED, r);
        }
    }

    private void emit(String event, ProspectRecorded r) {
        emit(event, r.report().email(), r.origin().key(), json.write(HookPayload.of(event, r.origin(), r.report(), Instant.now())));
    }

    /** Records a hook event once per event and origin, and schedules its delivery to every subscription of that event. */
    private void emit(String event, String email, String originKey, String payloadJson) {
        hooks.record(new Event(event + ":" + originKey, event, email, payloadJson, Instant.now()));
    }

    /** The newest hook events of a kind first, for polling triggers. */
    public List<Event> newest(String event, int limit) {
        return hooks.newest(event, limit);
    }

    @Override
    public WorkItem.Kind kind() {
        return WorkItem.Kind.HOOK_DELIVERY;
    }

    /**
     * Starts delivering due events. Each subscription is delivered to on its own worker (at most
     * {@code leadscoring.hooks.concurrency} at once), its events in order, so a slow or dead target holds up only
     * itself; a subscription still being delivered to is left for the next round.
     */
    @Override
    public void workDue() {
        Map<String, List<Delivery>> bySubscription = new LinkedHashMap<>();
        for (Delivery due : hooks.due(Instant.now(), 500)) {
            bySubscription.computeIfAbsent(due.subscriptionId(), k -> new ArrayList<>()).add(due);
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

    /** One subscription's due events, oldest first; the first failure waits with the rest for its retry. */
    private void deliverInOrder(List<Delivery> deliveries) {
        for (Delivery d : deliveries) {
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
                hooks.done(d, null);
                metrics.delivery("delivered");
                continue;
            }
            if (status == 410) {
                LOG.infof("Hook target answered 410 Gone: subscription %s removed", d.subscriptionId());
                unsubscribe(d.subscriptionId());
                metrics.delivery("gone");
            } else if (d.attempts() + 1 >= MAX_ATTEMPTS) {
                hooks.done(d, "gave up: " + error);
                metrics.delivery("gave_up");
            } else {
                hooks.retryLater(d, Instant.now().plus(config.backoff().after(d.attempts() + 1)), error);
                metrics.delivery("retried");
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
        long timeout = config.timeout().toMillis();
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
