package org.leadscoring.workbench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.leadscoring.api.SignIn;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The workbench page and the headers that let it defend itself; it says whether people may sign in through the company's
 * provider ({@code data-sign-in} on its body). The page may hold an admin key in the tab's storage, so:
 * it is served with a Content-Security-Policy that runs only scripts carrying this answer's nonce and what they load
 * from the service (no inline script, no other origin: {@code 'strict-dynamic'} lets the service's import-map script
 * write the import map CodeMirror's modules need), never in a frame, never cached ({@code no-store}); the page's
 * scripts and styles are revalidated on each load ({@code no-cache}). Every answer of the service says
 * {@code nosniff} and no referrer, and refuses to be framed.
 */
@ApplicationScoped
public class WorkbenchPage {

    static final String PATH = "/workbench/";
    private static final SecureRandom NONCES = new SecureRandom();

    private final String page = read();
    private final SignIn signIn;

    @jakarta.inject.Inject
    WorkbenchPage(SignIn signIn) {
        this.signIn = signIn;
    }

    void install(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(context -> {
            context.addHeadersEndHandler(v -> secure(context));
            context.next();
        });
        router.getWithRegex("/workbench/?(index\\.html)?").order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(this::serve);
    }

    private static void secure(RoutingContext context) {
        var headers = context.response().headers();
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("X-Frame-Options", "DENY");
        String path = context.normalizedPath();
        if (path.startsWith(PATH) && !headers.contains("Content-Security-Policy")) {
            headers.set(HttpHeaders.CACHE_CONTROL, "no-cache");
        }
    }

    private void serve(RoutingContext context) {
        if (!context.request().path().endsWith("/") && !context.request().path().endsWith(".html")) {
            context.response().setStatusCode(303).putHeader(HttpHeaders.LOCATION, PATH).end();
            return;
        }
        byte[] bytes = new byte[18];
        NONCES.nextBytes(bytes);
        String nonce = Base64.getEncoder().encodeToString(bytes);
        context.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .putHeader("Content-Security-Policy", "default-src 'self'; script-src 'nonce-" + nonce + "' 'strict-dynamic' 'self';"
                        + " style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; font-src 'self';"
                        + " object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
                .end(page.replace("<script ", "<script nonce=\"" + nonce + "\" ").replace("<body>", signIn.enabled() ? "<body data-sign-in=\"on\">" : "<body>"));
    }

    private static String read() {
        try (InputStream in = WorkbenchPage.class.getResourceAsStream("/workbench-page/index.html")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
