package org.leadscoring.api;

import java.net.URI;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.quarkus.oidc.OidcSession;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Signing in to the workbench: {@code GET /workbench/sign-in} sends a person not signed in to the company's provider
 * (Quarkus' OIDC code flow, which comes back to this address and sets the session cookie) and one signed in to the
 * workbench; {@code POST /workbench/sign-out} ends the session here.
 */
@Path("/workbench")
public class SignInResource {

    private final SignIn signIn;
    private final SecurityIdentity identity;
    private final OidcSession session;

    @Inject
    SignInResource(SignIn signIn, SecurityIdentity identity, OidcSession session) {
        this.signIn = signIn;
        this.identity = identity;
        this.session = session;
    }

    @GET
    @Path("/sign-in")
    @Operation(hidden = true)
    public Response signIn() {
        if (!signIn.enabled()) {
            return ErrorMappers.json(404, ApiError.of("sign_in_off", "Sign-in is not set up here (quarkus.oidc.*): use an admin key"));
        }
        if (identity.isAnonymous()) {
            throw new UnauthorizedException(); // Quarkus answers it with the provider's sign-in page (the code flow's redirect)
        }
        return Response.seeOther(URI.create("/workbench/")).build();
    }

    @POST
    @Path("/sign-out")
    @Operation(hidden = true)
    public Uni<Response> signOut() {
        Uni<Void> ended = signIn.enabled() && !identity.isAnonymous() ? session.logout() : Uni.createFrom().voidItem();
        return ended.map(v -> Response.noContent().build());
    }
}
