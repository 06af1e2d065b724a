package org.leadscoring.workbench;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.leadscoring.TestApi;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWireMock;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import io.restassured.specification.RequestSpecification;

/**
 * People sign in to the workbench through the company's OpenID Connect provider (here Quarkus' WireMock-based one):
 * the code flow from {@code /workbench/sign-in} to a session, bearer tokens for scripts, and the roles — a viewer
 * looks, an editor drafts, a publisher publishes — each refusal a 403 that names the role; versions record the person.
 */
@QuarkusTest
@TestProfile(WorkbenchProfile.class)
class SignInTest {

    static {
        TestApi.useKey();
    }

    @OidcWireMock
    WireMockServer provider;

    @TestHTTPResource("/")
    URI service;

    static RequestSpecification as(String person, String... roles) {
        return given().auth().oauth2(OidcWiremockTestResource.getAccessToken(person, Set.of(roles))).contentType(ContentType.JSON);
    }

    static String draftBy(RequestSpecification who) {
        String fit = who.get("/api/workbench/files/" + WorkbenchApiTest.FIT).then().statusCode(200).extract().path("content");
        return who.body(Map.of("files", Map.of(WorkbenchApiTest.FIT, fit + WorkbenchApiTest.NAMED_ACCOUNT.replace("Named account", "Signed-in rule"))))
                .post("/api/workbench/drafts").then().statusCode(201).extract().path("id");
    }

    @Test
    void givenBearerTokens_whenEachRoleTriesToPublish_thenOnlyThePublisherMayAndTheVersionRecordsThePerson() {
        as("vic", "viewer").get("/api/workbench/me").then().statusCode(200)
                .body("name", equalTo("vic")).body("via", equalTo("sign_in")).body("roles", equalTo(List.of("viewer")));
        as("vic", "viewer").get("/api/workbench/versions").then().statusCode(200);
        as("vic", "viewer").body(Map.of("files", Map.of(WorkbenchApiTest.FIT, "x"))).post("/api/workbench/drafts").then().statusCode(403)
                .body("error", equalTo("forbidden")).body("message", containsString("editor"));

        // An editor drafts; neither a viewer nor the editor may publish it; a publisher (who also edits) may.
        as("eve", "editor").get("/api/workbench/me").then().body("roles", equalTo(List.of("viewer", "editor")));
        String draft = draftBy(as("eve", "editor"));
        Map<String, String> message = Map.of("message", "A named account, published by a person signed in");
        as("vic", "viewer").body(message).post("/api/workbench/drafts/" + draft + "/publish").then().statusCode(403)
                .body("message", containsString("publisher"));
        as("eve", "editor").body(message).post("/api/workbench/drafts/" + draft + "/publish").then().statusCode(403)
                .body("message", containsString("publisher"));
        int number = as("pat", "publisher", "unrelated-group").body(message).post("/api/workbench/drafts/" + draft + "/publish")
                .then().statusCode(201).extract().path("number");
        as("vic", "viewer").get("/api/workbench/versions/" + number).then().statusCode(200).body("author", equalTo("pat"));

        // Rolling back is a publisher's too; an editor may start a dry run but not a run that writes to Zoho.
        as("eve", "editor").body(Map.of("message", "back")).post("/api/workbench/versions/" + (number - 1) + "/rollback").then().statusCode(403);
        TestApi.withoutKey(() -> as("eve", "editor").body(Map.of("dry_run", false)).post("/api/rescoring/runs").then().statusCode(403)
                .body("message", containsString("publisher")));
        int back = as("pat", "publisher").body(Map.of("message", "Back to the rules before it")).post("/api/workbench/versions/" + (number - 1)
                + "/rollback").then().statusCode(201).extract().path("number");
        WorkbenchApiTest.alice().get("/api/workbench/versions/" + back).then().body("author", equalTo("pat"));
    }

    @Test
    void givenATokenWithoutAWorkbenchRoleOrAForgedOne_whenItCalls_thenItIsRefusedAndTheForgeryCounted() {
        as("olga", "user", "admin").get("/api/workbench/files").then().statusCode(403)
                .body("message", containsString("without a workbench role"));
        String forged = OidcWiremockTestResource.getAccessToken("mallory", Set.of("publisher"));
        forged = forged.substring(0, forged.lastIndexOf('.') + 1) + "c2lnbmF0dXJlLW5vdC1tYWRlLWJ5LXRoZS1wcm92aWRlcg";
        double before = refusedSignIns();
        given().auth().oauth2(forged).get("/api/workbench/files").then().statusCode(401);
        await().atMost(Duration.ofSeconds(20)).until(() -> refusedSignIns() > before);
        // Nobody signed in and no key: the API says how to get in, with no redirect a script cannot follow.
        given().header("X-Requested-With", "JavaScript").get("/api/workbench/files").then().statusCode(401)
                .body("message", containsString("/workbench/sign-in"));
        // Keys stay for scripts and small teams, with every role.
        WorkbenchApiTest.alice().get("/api/workbench/me").then().statusCode(200).body("name", equalTo("ops-alice"))
                .body("via", equalTo("admin_key")).body("roles", hasItem("publisher"));
    }

    private static double refusedSignIns() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith("leadscoring_keys_refused_total{") && l.contains("key=\"sign_in\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void givenTheCodeFlow_whenAViewerSignsInAtTheWorkbench_thenTheSessionCarriesTheirNameAndRole() throws Exception {
        var signsInVera = providerSignsIn(provider, "vera", "viewer");
        try {
            signInAsVera();
        } finally {
            provider.removeStub(signsInVera);
        }
    }

    /** Makes the provider sign in {@code person} with {@code roles} at its next code exchange (its own stub signs in "alice", without them). */
    static com.github.tomakehurst.wiremock.stubbing.StubMapping providerSignsIn(WireMockServer provider, String person, String... roles) {
        return provider.stubFor(WireMock.post("/auth/realms/quarkus/token").withRequestBody(WireMock.containing("authorization_code"))
                .willReturn(WireMock.okJson("{\"access_token\":\"" + OidcWiremockTestResource.getAccessToken(person, Set.of(roles))
                        + "\",\"id_token\":\"" + idToken(person, roles) + "\",\"expires_in\":300}")));
    }

    private void signInAsVera() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();

        HttpResponse<String> toProvider = get(browser, service.resolve("/workbench/sign-in"));
        assertThat(toProvider.statusCode()).isEqualTo(302);
        URI login = URI.create(toProvider.headers().firstValue("Location").orElseThrow());
        assertThat(login.getPort()).isEqualTo(provider.port());
        assertThat(login.getQuery()).contains("client_id=lead-scoring").contains("state=");

        // The provider's sign-in answers with a redirect back to the service, carrying the code and the state.
        URI providerLogin = URI.create(provider.baseUrl() + "/login?" + login.getRawQuery());
        HttpResponse<String> back = get(browser, providerLogin);
        assertThat(back.statusCode()).isEqualTo(302);
        URI callback = URI.create(back.headers().firstValue("Location").orElseThrow());
        assertThat(callback.getPath()).isEqualTo("/workbench/sign-in");

        HttpResponse<String> session = get(browser, callback);
        URI next = service.resolve(session.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> workbench = get(browser, next);
        assertThat(workbench.statusCode()).isEqualTo(303);
        assertThat(workbench.headers().firstValue("Location").orElseThrow()).endsWith("/workbench/");

        HttpResponse<String> me = get(browser, service.resolve("/api/workbench/me"));
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains("\"name\":\"vera\"").contains("\"via\":\"sign_in\"").contains("\"roles\":[\"viewer\"]");
        HttpResponse<String> publish = browser.send(HttpRequest.newBuilder(service.resolve("/api/workbench/versions/1/rollback"))
                .header("Content-Type", "application/json").header("X-Requested-With", "JavaScript")
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"no\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(publish.statusCode()).isEqualTo(403);
        assertThat(publish.body()).contains("publisher");
        // The session cookie alone does not carry a change: a request another site's form could send is refused as such.
        HttpResponse<String> crossSite = browser.send(HttpRequest.newBuilder(service.resolve("/api/workbench/validate"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"files\":{}}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(crossSite.statusCode()).isEqualTo(403);
        assertThat(crossSite.body()).contains("cross_site_request");

        // Signing out ends the session: the workbench asks to sign in again.
        HttpResponse<String> out = browser.send(HttpRequest.newBuilder(service.resolve("/workbench/sign-out")).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(out.statusCode()).isIn(204, 302);
        HttpResponse<String> after = browser.send(HttpRequest.newBuilder(service.resolve("/api/workbench/me")).header("X-Requested-With", "JavaScript")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(after.body()).doesNotContain("vera");
    }

    /** An ID token from the provider for this service: its audience is the service's client id. */
    private static String idToken(String person, String... roles) {
        return Jwt.preferredUserName(person).groups(Set.of(roles)).issuer("https://server.example.com").audience("lead-scoring")
                .subject(person + "-id").jws().keyId("1").sign("privateKey.jwk");
    }

    private static HttpResponse<String> get(HttpClient browser, URI uri) throws Exception {
        return browser.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
