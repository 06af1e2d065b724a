package org.leadscoring.api;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.leadscoring.metrics.ServiceMetrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.spi.runtime.AuthenticationFailureEvent;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Sign-in for people through the company's OpenID Connect provider, when it is set up ({@code quarkus.oidc.tenant-enabled=true}
 * with {@code quarkus.oidc.auth-server-url}, {@code client-id} and {@code credentials.secret}; README "Signing in"). Quarkus'
 * OIDC extension does the protocol — the workbench's code flow with an encrypted session cookie, bearer tokens for scripts —
 * and this class reads who it signed in: the principal's name and the roles {@code viewer}, {@code editor},
 * {@code publisher} ({@link Caller}). A sign-in the provider or the token check refuses is logged with the client's
 * address (never the token) and counted as {@code leadscoring_keys_refused_total{key="sign_in"}}.
 */
@ApplicationScoped
public class SignIn {

    private static final Logger LOG = Logger.getLogger(SignIn.class);

    private final boolean enabled;
    private final ServiceMetrics metrics;

    @Inject
    SignIn(@ConfigProperty(name = "quarkus.oidc.tenant-enabled", defaultValue = "true") boolean enabled, ServiceMetrics metrics) {
        this.enabled = enabled;
        this.metrics = metrics;
    }

    /** Whether people can sign in through the company's provider. */
    public boolean enabled() {
        return enabled;
    }

    /** The person the request is signed in as, if it is (a session cookie or a bearer token Quarkus accepted). */
    Optional<Caller> caller(RoutingContext routing) {
        if (!enabled || routing == null || !(routing.user() instanceof QuarkusHttpUser user)) {
            return Optional.empty();
        }
        SecurityIdentity identity = user.getSecurityIdentity();
        if (identity == null || identity.isAnonymous()) {
            return Optional.empty();
        }
        return Optional.of(Caller.signedIn(identity.getPrincipal().getName(), identity.getRoles()));
    }

    /**
     * A token Quarkus refused before the request reached the API (a forged, expired or foreign bearer token) is answered
     * like every other refusal of the API: 401 with the error shape, not an empty body.
     */
    void install(@Observes Router router, ObjectMapper json) {
        router.route("/api/*").failureHandler(context -> {
            if (context.failure() instanceof AuthenticationFailedException && !context.response().ended()) {
                context.response().putHeader("WWW-Authenticate", "Bearer");
                try {
                    context.response().setStatusCode(401).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(json.writeValueAsString(
                            ApiError.of("unauthorized", "The sign-in token is not valid or has expired: sign in again")));
                } catch (JsonProcessingException e) {
                    context.fail(e);
                }
            } else {
                context.next();
            }
        });
    }

    void refused(@ObservesAsync AuthenticationFailureEvent event) {
        metrics.keyRefused("sign_in");
        String client = event.getEventProperties().values().stream()
                .filter(RoutingContext.class::isInstance).map(RoutingContext.class::cast)
                .map(r -> r.request().remoteAddress() == null ? "?" : r.request().remoteAddress().hostAddress())
                .findFirst().orElse("?");
        LOG.warnf("Refused a sign-in from %s: %s", client, event.getAuthenticationFailure().getClass().getSimpleName());
    }
}
