package org.leadscoring.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.leadscoring.config.LeadScoringConfig;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The one limit on request bodies, {@code leadscoring.limits.max-body-bytes}, answered in the API's error shape at
 * every size. A body with a {@code Content-Length} over it is refused here, before a byte of it is read; a body sent
 * in chunks has no length to check, so {@link BoundedBody} counts it as it is read (every endpoint reads through it)
 * and {@link ErrorMappers} refuses it the same way. Quarkus' own cap ({@code quarkus.http.limits.max-body-size}) is
 * switched off in {@code application.properties}: it answers with an empty, non-JSON 413 and counts bytes the network
 * has read ahead rather than bytes the service has read.
 */
@ApplicationScoped
public class BodyLimitRoute {

    void install(@Observes Router router, LeadScoringConfig config, ObjectMapper json) {
        long max = config.limits().maxBodyBytes();
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
            context.next();
        });
    }

    private static long bytes(String length) {
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Answers and closes the connection, so that the rest of the body is neither read nor waited for. */
    private static void refuse(RoutingContext context, int status, ObjectMapper json, ApiError error) {
        String body;
        try {
            body = json.writeValueAsString(error);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        closeAfter(context.response());
        context.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(body);
    }

    /** Closes the connection once the response is sent: a body left unread is not drained from a keep-alive connection. */
    static void closeAfter(HttpServerResponse response) {
        response.putHeader(HttpHeaders.CONNECTION, "close");
        response.endHandler(ignored -> response.close());
    }
}
