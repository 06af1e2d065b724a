package org.leadscoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * What the build makes for deploying, read as files (no container engine here): the Kubernetes manifest that
 * quarkus-kubernetes generates, and the Dockerfile the README and docs/production.md build the image with.
 */
class DeploymentManifestsIT {

    static List<JsonNode> manifests() throws Exception {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = new YAMLMapper().readerFor(JsonNode.class).readValues(Path.of("target/kubernetes/kubernetes.yml").toFile())) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isEmpty()) {
                    docs.add(doc);
                }
            }
        }
        return docs;
    }

    @Test
    void givenTheGeneratedManifest_thenTwoReplicasWithProbesResources_andSettingsFromAConfigMapAndSecretsFromASecret() throws Exception {
        List<JsonNode> docs = manifests();
        assertThat(docs).extracting(d -> d.path("kind").asText()).containsExactlyInAnyOrder("Service", "Deployment");
        JsonNode deployment = docs.stream().filter(d -> d.path("kind").asText().equals("Deployment")).findFirst().orElseThrow();
        assertThat(deployment.path("spec").path("replicas").asInt()).isEqualTo(2);
        JsonNode container = deployment.path("spec").path("template").path("spec").path("containers").path(0);
        assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/live");
        assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/ready");
        assertThat(container.path("resources").path("requests").path("memory").asText()).isNotBlank();
        assertThat(container.path("resources").path("limits").path("memory").asText()).isNotBlank();
        assertThat(container.path("envFrom").findValuesAsText("name")).contains("lead-scoring-config", "lead-scoring-secrets");
        assertThat(container.path("envFrom").findValues("secretRef")).singleElement().satisfies(s -> assertThat(s.path("name").asText())
                .isEqualTo("lead-scoring-secrets"));
        assertThat(container.path("envFrom").findValues("configMapRef")).singleElement().satisfies(s -> assertThat(s.path("name").asText())
                .isEqualTo("lead-scoring-config"));
        assertThat(container.path("env").toString()).contains("QUARKUS_PROFILE").contains("\"pg\"");
        // No secret is written into the manifest itself.
        assertThat(deployment.toString()).doesNotContainIgnoringCase("password").doesNotContainIgnoringCase("refresh-token");
        assertThat(deployment.path("spec").path("template").path("metadata").path("annotations").path("prometheus.io/path").asText())
                .isEqualTo("/q/metrics");
    }

    @Test
    void givenTheDockerfile_thenItRunsThePackagedServiceAsANonRootUser_fromFilesTheBuildMade() throws Exception {
        String dockerfile = Files.readString(Path.of("src/main/docker/Dockerfile.jvm"));
        Matcher user = Pattern.compile("(?m)^USER\\s+(\\S+)").matcher(dockerfile);
        assertThat(user.find()).as("a USER line").isTrue();
        assertThat(user.group(1)).isNotIn("0", "root");
        assertThat(dockerfile).containsPattern("(?m)^FROM .*openjdk-17").containsPattern("(?m)^ENTRYPOINT ");
        Matcher copy = Pattern.compile("(?m)^COPY (?:--chown=\\S+ )?(\\S+) ").matcher(dockerfile);
        int copies = 0;
        while (copy.find()) {
            String source = copy.group(1).replace("*.jar", "quarkus-run.jar");
            assertThat(Path.of(source)).as("what the Dockerfile copies").exists();
            copies++;
        }
        assertThat(copies).isGreaterThanOrEqualTo(4);
    }
}
