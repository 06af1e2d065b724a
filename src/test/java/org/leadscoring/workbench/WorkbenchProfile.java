package org.leadscoring.workbench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.leadscoring.scoring.Fixtures;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * Two admin keys, sign-in through an OpenID Connect provider (Quarkus' WireMock-based one: no container) and a copy of
 * the shipped rules that the workbench may publish to.
 */
public class WorkbenchProfile implements QuarkusTestProfile {

    public static final String ALICE = "alice-secret-1";
    public static final String BOB = "bob-secret-2";
    public static final Path ROOT = Fixtures.copyOfShippedRules("workbench-rules");

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("leadscoring.admin-key", "ops-alice:" + ALICE + ",ops-bob:" + BOB,
                "quarkus.oidc.tenant-enabled", "true",
                "quarkus.oidc.auth-server-url", "${keycloak.url}/realms/quarkus/",
                "quarkus.oidc.client-id", "lead-scoring",
                "quarkus.oidc.credentials.secret", "a-client-secret-of-at-least-32-characters",
                "leadscoring.rules-dir", ROOT.resolve("rules").toString(),
                "leadscoring.models-dir", ROOT.resolve("scoring-models").toString(),
                // The setting that serves Swagger UI in the packaged service (off by default): WorkbenchApiTest opens it.
                "quarkus.swagger-ui.enabled", "true");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(OidcWiremockTestResource.class));
    }
}
