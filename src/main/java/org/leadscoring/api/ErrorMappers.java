package org.leadscoring.api;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.leadscoring.scoring.ModelNotFoundException;
import org.leadscoring.scoring.NoRuleSetException;
import org.leadscoring.scoring.RuleLoopException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;

/**
 * Maps every failure to the one {@link ApiError} shape. Bad input is a 4xx that names the field; anything else
 * is logged here and answered without internals.
 */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    private final CurrentVertxRequest currentRequest;

    @Inject
    ErrorMappers(CurrentVertxRequest currentRequest) {
        this.currentRequest = currentRequest;
    }

    @ServerExceptionMapper
    public Response invalid(InvalidRequestException e) {
        return json(400, ApiError.invalid(e.fields()));
    }

    @ServerExceptionMapper
    public Response unknownModel(ModelNotFoundException e) {
        return json(400, ApiError.invalid(List.of(new ApiError.FieldError("model", e.getMessage()))));
    }

    @ServerExceptionMapper
    public Response runInProgress(org.leadscoring.rescoring.RunInProgressException e) {
        return json(409, ApiError.of("run_in_progress", "A re-scoring run is already going on: " + e.getMessage()));
    }

    @ServerExceptionMapper
    public Response syncInProgress(org.leadscoring.outcomes.SyncInProgressException e) {
        return json(409, ApiError.of("sync_in_progress", "An outcome sync is already going on: " + e.getMessage()));
    }

    /** A chunked body found too long while read: the rest of it is left unread and the connection closed. */
    @ServerExceptionMapper
    public Response bodyTooLarge(BodyTooLargeException e) {
        BodyLimitRoute.closeAfter(currentRequest.getCurrent());
        return json(413, ApiError.of("body_too_large", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response idempotencyKeyReused(org.leadscoring.intake.IdempotencyKeyReusedException e) {
        return json(422, ApiError.of("idempotency_key_reused", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response noRuleSet(NoRuleSetException e) {
        return json(503, ApiError.of("no_rule_set", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response ruleLoop(RuleLoopException e) {
        LOG.error(e.getMessage());
        return json(500, ApiError.of("rule_loop", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response scoringTimeout(org.leadscoring.scoring.ScoringTimeoutException e) {
        LOG.error(e.getMessage());
        return json(503, ApiError.of("scoring_timeout", e.getMessage()));
    }

    @ServerExceptionMapper({ JsonProcessingException.class, MismatchedInputException.class, InvalidFormatException.class,
            UnrecognizedPropertyException.class, ValueInstantiationException.class, JsonMappingException.class })
    public Response unreadable(JsonProcessingException e) {
        return json(400, ApiError.invalid(List.of(JsonErrors.fieldError(e))));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadable(json);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("Request failed", e);
            return json(status, ApiError.of("internal_error", "The service failed to handle the request; it has been logged"));
        }
        String code = switch (status) {
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 413 -> "body_too_large";
            case 415 -> "unsupported_media_type";
            default -> "bad_request";
        };
        String message = status == 415 ? "Send the body as application/json" : e.getMessage();
        return json(status, ApiError.of(code, message));
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e) {
        LOG.error("Unexpected failure", e);
        return json(500, ApiError.of("internal_error", "The service failed to handle the request; it has been logged"));
    }

    public static Response json(int status, ApiError error) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(error).build();
    }
}
