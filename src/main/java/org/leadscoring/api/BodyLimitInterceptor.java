package org.leadscoring.api;

import java.io.IOException;

import jakarta.inject.Inject;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import org.leadscoring.config.LeadScoringConfig;

/**
 * Reads every body an endpoint binds (JSON into records and maps) through {@link BoundedBody}. Server side only: the
 * limit is for what clients send, not for Zoho's answers (a COQL answer of 2,000 Leads is larger than a request may be).
 */
@Provider
@ConstrainedTo(RuntimeType.SERVER)
public class BodyLimitInterceptor implements ReaderInterceptor {

    // Looked up per request: providers are created before runtime configuration is available.
    private final jakarta.inject.Provider<LeadScoringConfig> config;

    @Inject
    BodyLimitInterceptor(jakarta.inject.Provider<LeadScoringConfig> config) {
        this.config = config;
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        long max = config.get().limits().maxBodyBytes();
        context.setInputStream(BoundedBody.of(context.getInputStream(), max));
        return context.proceed();
    }
}
