package org.leadscoring.api;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * A request id on every log line of a request's work ({@code request_id} in the log's context, a field of each JSON
 * line): the caller's {@code X-Request-Id} when it is a plain token (a proxy's or Zapier's), else one made here; the
 * answer carries it back in {@code X-Request-Id}. Work a request hands to another thread takes the context along
 * ({@link #carried}).
 */
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String REQUEST_ID = "request_id";
    public static final String INTAKE_ID = "intake_id";
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    @ServerRequestFilter(preMatching = true, priority = jakarta.ws.rs.Priorities.AUTHENTICATION - 200)
    public void begin(ContainerRequestContext request) {
        String given = request.getHeaderString(HEADER);
        String id = given != null && PLAIN.matcher(given).matches() ? given : UUID.randomUUID().toString();
        request.setProperty(REQUEST_ID, id);
        MDC.put(REQUEST_ID, id);
    }

    @ServerResponseFilter
    public void end(ContainerRequestContext request, ContainerResponseContext response) {
        Object id = request.getProperty(REQUEST_ID);
        if (id != null) {
            response.getHeaders().putSingle(HEADER, id);
        }
        MDC.remove(REQUEST_ID);
        MDC.remove(INTAKE_ID);
    }

    /** {@code work} run on another thread with this thread's log context (request and intake ids), removed after. */
    public static <T> java.util.concurrent.Callable<T> carried(java.util.concurrent.Callable<T> work) {
        java.util.Map<String, Object> context = MDC.getMap();
        return () -> {
            context.forEach(MDC::put);
            try {
                return work.call();
            } finally {
                context.keySet().forEach(MDC::remove);
            }
        };
    }
}
