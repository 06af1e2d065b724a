package org.leadscoring.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a {@code Content-Type} that is not one media type ({@code application/json, text/plain}) with a 415 in
 * the API's error shape, before the request is matched to an endpoint that would fail to read it.
 */
public class ContentTypeFilter {

    @ServerRequestFilter(preMatching = true)
    public Response checkContentType(ContainerRequestContext request) {
        String type = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (type == null) {
            return null;
        }
        try {
            MediaType.valueOf(type);
            return null;
        } catch (IllegalArgumentException e) {
            return ErrorMappers.json(415, ApiError.of("unsupported_media_type",
                    "Content-Type must be one media type, such as application/json or application/x-www-form-urlencoded"));
        }
    }
}
