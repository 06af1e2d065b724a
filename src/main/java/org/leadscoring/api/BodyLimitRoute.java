package org.leadscoring.api;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.leadscoring.config.LeadScoringConfig;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The limits on request bodies, answered in the API's error shape at every size and speed.
 * <ul>
 * <li><b>Size</b>, {@code leadscoring.limits.max-body-bytes}: a body with a {@code Content-Length} over it is refused
 * here, before a byte of it is read; a body sent in chunks has no length to check, so {@link BoundedBody} counts it as
 * it is read (every endpoint reads through it) and {@link ErrorMappers} refuses it the same way.</li>
 * <li><b>Time</b>, {@code leadscoring.limits.body-timeout}: a body not complete in time is answered 408 and its
 * connection closed. JSON bodies are read here, on the event loop, before any endpoint runs (an endpoint reading a
 * body itself holds a worker thread while it waits), so clients trickling bodies a byte a second hold connections,
 * never the workers that serve everyone else.</li>
 * </ul>
 * Quarkus' own cap ({@code quarkus.http.limits.max-body-size}) is switched off in {@code application.properties}: it
 * answers with an empty, non-JSON 413 and counts bytes the network has read ahead rather than bytes the service has read.
 */
@ApplicationScoped
public class BodyLimitRoute {

    void install(@Observes Router router, LeadScoringConfig config, ObjectMapper json) {
        long max = config.limits().maxBodyBytes();
        long timeout = config.limits().bodyTimeout().toMillis();
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT).handler(context -> {
            String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null) {
                long bytes = bytes(length);
                if (bytes < 0) {
                    refuse(context, 400, json, ApiError.of("bad_request", "Content-Length is not a number"));
                    return;
                }
                if (bytes > max) {
                    refuse(context, 413, json, ApiError.of("body_too_large", "The body has " + bytes + " bytes; the limit is " + max));
                    return;
                }
            }
            deadline(context, max, timeout, json);
        });
    }

    /**
     * Gives the body a deadline: unless it has all arrived by then, the request is answered 408 and its connection
     * closed. A JSON body — what every API endpoint takes — is read here, whole and without blocking, and handed on as the
     * request's body (Quarkus REST reads it from there); other bodies (forms) are read by Quarkus REST itself.
     */
    private static void deadline(RoutingContext context, long max, long timeoutMillis, ObjectMapper json) {
        HttpServerRequest request = context.request();
        HttpMethod method = request.method();
        boolean mayHaveBody = method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH || method == HttpMethod.DELETE;
        if (!mayHaveBody || request.isEnded()) {
            context.next();
            return;
        }
        long timer = context.vertx().setTimer(timeoutMillis, id -> {
            if (!request.isEnded() && !context.response().ended()) {
                refuse(context, 408, json, ApiError.of("body_timeout", "The body did not arrive within " + timeoutMillis / 1000 + " s"));
            }
        });
        context.addEndHandler(ignored -> context.vertx().cancelTimer(timer));
        if (!isJson(request.getHeader(HttpHeaders.CONTENT_TYPE)) || request.version() == HttpVersion.HTTP_2) {
            // Quarkus REST cannot take an HTTP/2 request whose body was read before it: such bodies have the deadline only.
            context.next();
            return;
        }
        Buffer body = Buffer.buffer();
        AtomicBoolean tooLarge = new AtomicBoolean();
        request.handler(chunk -> {
            if (tooLarge.get() || context.response().ended()) {
                return;
            }
            if (body.length() + (long) chunk.length() > max) {
                // The rest is read and dropped (until the deadline at most), and then answered: a client still sending
                // would not read an answer given earlier, since the server closes a connection answered mid-body.
                tooLarge.set(true);
                return;
            }
            body.appendBuffer(chunk);
        });
        request.endHandler(ignored -> {
            context.vertx().cancelTimer(timer);
            if (tooLarge.get()) {
                refuse(context, 413, json, ApiError.of("body_too_large", "The body has more than " + max + " bytes; the limit is " + max));
            } else if (!context.response().ended()) {
                context.setBody(body);
                context.next();
            }
        });
        request.resume();
    }

    /** {@code application/json}, with or without parameters; not a list of types. */
    private static boolean isJson(String contentType) {
        String type = contentType == null ? "" : contentType.trim().toLowerCase(java.util.Locale.ROOT);
        return type.equals("application/json") || type.startsWith("application/json;");
    }

    private static long bytes(String length) {
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Answers and closes the connection, so that the rest of the body is neither read nor waited for. */
    static void refuse(RoutingContext context, int status, ObjectMapper json, ApiError error) {
        String body;
        try {
            body = json.writeValueAsString(error);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        closeAfter(context);
        context.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body);
    }

    /**
     * Closes an HTTP/1 connection once the response is sent: a body left unread is not drained from a keep-alive
     * connection. An HTTP/2 stream ends with its response, and the connection carries other requests.
     */
    static void closeAfter(RoutingContext context) {
        if (context.request().version() == HttpVersion.HTTP_2) {
            return;
        }
        context.response().putHeader(HttpHeaders.CONNECTION, "close");
        context.addEndHandler(ignored -> context.response().close());
    }
}
