package org.leadscoring.crm.zoho;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Zoho CRM API v8, as much of it as the service uses. Every method answers the raw response: Zoho's status codes
 * (201, 204, 207 …) and envelopes carry meaning the caller reads.
 */
@Path("/crm/v8")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface ZohoCrmApi {

    String AUTHORIZATION = "Authorization";

    @POST
    @Path("/{module}")
    Response create(@HeaderParam(AUTHORIZATION) String auth, @PathParam("module") String module, JsonNode body);

    @PUT
    @Path("/{module}")
    Response update(@HeaderParam(AUTHORIZATION) String auth, @PathParam("module") String module, JsonNode body);

    @GET
    @Path("/{module}")
    Response list(@HeaderParam(AUTHORIZATION) String auth, @PathParam("module") String module, @QueryParam("fields") String fields,
            @QueryParam("page") Integer page, @QueryParam("per_page") Integer perPage, @QueryParam("page_token") String pageToken,
            @QueryParam("sort_by") String sortBy, @QueryParam("sort_order") String sortOrder);

    @GET
    @Path("/{module}/actions/count")
    Response count(@HeaderParam(AUTHORIZATION) String auth, @PathParam("module") String module);

    @POST
    @Path("/coql")
    Response coql(@HeaderParam(AUTHORIZATION) String auth, JsonNode body);

    @GET
    @Path("/settings/fields")
    Response fields(@HeaderParam(AUTHORIZATION) String auth, @QueryParam("module") String module);

    @POST
    @Path("/Leads/{id}/actions/convert")
    Response convert(@HeaderParam(AUTHORIZATION) String auth, @PathParam("id") String leadId, JsonNode body);
}
