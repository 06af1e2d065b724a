package org.leadscoring.workbench;

import java.net.URI;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/** {@code /workbench} opens the workbench page, served as static files from {@code /workbench/}. */
@Path("/workbench")
public class WorkbenchPage {

    @GET
    public Response open() {
        return Response.seeOther(URI.create("/workbench/")).build();
    }
}
