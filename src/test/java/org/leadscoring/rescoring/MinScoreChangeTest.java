package org.leadscoring.rescoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.leadscoring.TestApi;
import org.leadscoring.crm.zoho.FakeZoho;
import org.leadscoring.store.Database;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/** {@code rescoring.min-score-change}: a decayed score that moved less than it is not rewritten, unless the grade changed. */
@QuarkusTest
@TestProfile(MinScoreChangeTest.Profile.class)
class MinScoreChangeTest {

    static {
        TestApi.useKey();
    }

    /** Runs by COQL with a minimum score change of 10. */
    public static class Profile extends CoqlRescoringProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("rescoring.min-score-change", "10");
            return config;
        }
    }

    static final FakeZoho ZOHO = RescoringProfile.ZOHO;
    static final Instant T = Instant.parse("2026-09-01T09:00:00Z");

    @Inject
    Database db;

    @Test
    void givenDecayBelowTheMinimum_thenTheLeadIsNotRewritten_butAGradeChangeIs() throws Exception {
        RescoringProfile.newOrganisation(db);
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 60; i++) {
            String email = "m" + i + "." + run + "@acme-" + run + ".com";
            ZOHO.seed("Leads", new HashMap<>(Map.of("Email", email, "Last_Name", "M" + i, "Designation", "Marketing Manager", "Company", "Acme",
                    "No_of_Employees", 120, "Country", "US")));
            activity(email, i % 2 == 0 ? "webinar_attended" : "demo_request", T.minus(Duration.ofDays(i % 20)));
        }
        RunsApi.runAndWait("{\"full\":true,\"now\":\"" + T + "\"}");
        Map<String, String> gradeBefore = grades();
        ZOHO.clearRequests();

        JsonPath later = RunsApi.runAndWait("{\"full\":true,\"now\":\"" + T.plus(Duration.ofDays(12)) + "\"}");

        List<JsonNode> written = ZOHO.requests("PUT", "/crm/v8/Leads").stream()
                .flatMap(r -> java.util.stream.StreamSupport.stream(r.json().path("data").spliterator(), false)).toList();
        assertThat(later.getString("run.state")).isEqualTo("completed");
        assertThat(written).hasSize(later.getInt("run.changed")).isNotEmpty().allSatisfy(d -> {
            String id = d.path("id").asText();
            int moved = Math.abs(d.path("Lead_Score").asInt() - scoreBefore(later.getString("run.id"), id));
            assertThat(moved >= 10 || !d.path("Lead_Grade").asText().equals(gradeBefore.get(id))).as("Lead %s written", id).isTrue();
        });
        assertThat(movedButNotWritten(later.getString("run.id"))).as("Leads whose score moved by 1 to 9, left as they were").isPositive();
    }

    Map<String, String> grades() {
        Map<String, String> out = new HashMap<>();
        ZOHO.records("Leads").forEach((id, lead) -> out.put(id, lead.path("Lead_Grade").asText()));
        return out;
    }

    int scoreBefore(String runId, String leadId) {
        return count("SELECT old_score FROM rescoring_lead WHERE run_id = ? AND lead_id = ?", runId, leadId);
    }

    int movedButNotWritten(String runId) {
        return count("SELECT COUNT(*) FROM rescoring_lead WHERE run_id = ? AND outcome = 'unchanged' AND old_score <> new_score", runId);
    }

    int count(String sql, String... args) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    void activity(String email, String type, Instant at) {
        StoredActivities.store(db, email, type, at);
    }
}
