package org.leadscoring.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.leadscoring.config.LeadScoringConfig;

/**
 * Refuses bodies larger than {@code leadscoring.limits.max-body-bytes} with a 413 in the API's error shape,
 * before they are read. Bodies sent without a length are capped by {@code quarkus.http.limits.max-body-size}.
 */
public class BodySizeFilter {

    // Looked up per request: filters are created before runtime configuration is available.
    @Inject
    jakarta.inject.Provider<LeadScoringConfig> config;

    @ServerRequestFilter(preMatching = true)
    public Response checkLength(ContainerRequestContext request) {
        String length = request.getHeaderString("Content-Length");
        if (length == null) {
            return null;
        }
        long bytes;
        try {
            bytes = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return ErrorMappers.json(400, ApiError.of("bad_request", "Content-Length is not a number"));
        }
        long max = config.get().limits().maxBodyBytes();
        if (bytes > max) {
            return ErrorMappers.json(413, ApiError.of("body_too_large", "The body has " + bytes + " bytes; the limit is " + max));
        }
        return null;
    }
}
