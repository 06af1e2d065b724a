package org.leadscoring.api;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.leadscoring.config.LeadScoringConfig;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.ext.web.Router;

/**
 * A bound on the requests one client address may have in progress at once ({@code leadscoring.limits.connections-per-client}):
 * past it a request is answered 429 at once, with {@code Retry-After: 1}, and its connection closed — so that one client
 * opening hundreds of slow requests takes its share and no more. A request counts from its first byte until its answer
 * is sent or its connection is gone.
 */
@ApplicationScoped
public class ClientSlotsRoute {

    private final ConcurrentHashMap<String, AtomicInteger> inProgress = new ConcurrentHashMap<>();

    void install(@Observes Router router, LeadScoringConfig config, ObjectMapper json) {
        int most = config.limits().connectionsPerClient();
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(context -> {
            String client = context.request().remoteAddress() == null ? "?" : context.request().remoteAddress().hostAddress();
            AtomicInteger count = inProgress.computeIfAbsent(client, c -> new AtomicInteger());
            if (count.incrementAndGet() > most) {
                release(client, count);
                context.response().putHeader("Retry-After", "1");
                BodyLimitRoute.refuse(context, 429, json, ApiError.of("too_many_connections",
                        "This client has " + most + " requests in progress already; send the next when one is answered"));
                return;
            }
            AtomicBoolean released = new AtomicBoolean();
            context.addEndHandler(ignored -> {
                if (released.compareAndSet(false, true)) {
                    release(client, count);
                }
            });
            context.next();
        });
    }

    private void release(String client, AtomicInteger count) {
        if (count.decrementAndGet() <= 0) {
            inProgress.remove(client, count);
        }
    }
}
