package org.leadscoring.api;

import java.net.URI;
import java.util.Map;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * The API's paths before 0.2, kept working for a release: a request to an old path is served by the new one, and
 * its answer carries {@code Deprecation: true} and a {@code Link} to the path to move to. The paths were renamed so
 * that one word names one thing: a prospect intake is not a Zoho Lead, an activity is not a hook event, and the
 * rules workbench is one feature, not also "admin".
 */
public class PathAliases {

    /** Old path prefix → new one. */
    static final Map<String, String> RENAMED = Map.of(
            "/api/zapier/leads", "/api/zapier/prospects",
            "/api/zapier/events", "/api/zapier/activities",
            "/api/admin", "/api/workbench");

    private static final String SUCCESSOR = PathAliases.class.getName() + ".successor";

    /** Runs before the key check, so an old path needs the same key as its new one. */
    @ServerRequestFilter(preMatching = true, priority = jakarta.ws.rs.Priorities.AUTHENTICATION - 100)
    public void rewrite(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        for (Map.Entry<String, String> renamed : RENAMED.entrySet()) {
            String old = renamed.getKey();
            if (path.equals(old) || path.startsWith(old + "/")) {
                String now = renamed.getValue() + path.substring(old.length());
                URI uri = request.getUriInfo().getRequestUri();
                request.setRequestUri(URI.create(now + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())));
                request.setProperty(SUCCESSOR, now);
                return;
            }
        }
    }

    @ServerResponseFilter
    public void mark(ContainerRequestContext request, ContainerResponseContext response) {
        Object successor = request.getProperty(SUCCESSOR);
        if (successor != null) {
            response.getHeaders().putSingle("Deprecation", "true");
            response.getHeaders().putSingle("Link", "<" + successor + ">; rel=\"successor-version\"");
        }
    }
}
