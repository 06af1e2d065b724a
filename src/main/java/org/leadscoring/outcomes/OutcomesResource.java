package org.leadscoring.outcomes;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.leadscoring.api.InvalidRequestException;

/**
 * Outcome syncs: start one on demand ({@code POST /api/outcomes/sync}, answered at once, the sync going on in the
 * background) and follow them.
 */
@Path("/api/outcomes")
@Produces(MediaType.APPLICATION_JSON)
public class OutcomesResource {

    private final OutcomeSync sync;
    private final SyncRepository syncs;

    @Inject
    OutcomesResource(OutcomeSync sync, SyncRepository syncs) {
        this.sync = sync;
        this.syncs = syncs;
    }

    /** The body of {@code POST /api/outcomes/sync}, optional: the sync's credit budget. */
    @Schema(name = "OutcomeSyncRequest")
    public record StartRequest(Long maxCredits) {
    }

    @POST
    @Path("/sync")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponseSchema(value = OutcomeSyncRecord.class, responseCode = "202", responseDescription = "Started; Location names the sync.")
    @APIResponse(responseCode = "409", description = "An outcome sync is already going on.")
    public Response start(StartRequest body) {
        Long max = body == null ? null : body.maxCredits();
        if (max != null && max < 1) {
            throw new InvalidRequestException("max_credits", "must be at least 1");
        }
        OutcomeSyncRecord started = sync.start("api", max);
        return Response.accepted(started).header("Location", "/api/outcomes/syncs/" + started.id()).build();
    }

    @GET
    @Path("/syncs")
    public List<OutcomeSyncRecord> list() {
        return syncs.latest(50);
    }

    @GET
    @Path("/syncs/{id}")
    public OutcomeSyncRecord one(@PathParam("id") String id) {
        return syncs.find(id).orElseThrow(() -> new NotFoundException("No outcome sync has that id"));
    }
}
