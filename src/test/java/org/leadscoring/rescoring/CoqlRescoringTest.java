package org.leadscoring.rescoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadscoring.TestApi;
import org.leadscoring.crm.zoho.FakeZoho;
import org.leadscoring.store.Database;


import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/** Re-scoring runs that read the open Leads by COQL: 2,000 a call, keyset on id, converted Leads never read. */
@QuarkusTest
@TestProfile(CoqlRescoringProfile.class)
class CoqlRescoringTest {

    static {
        TestApi.useKey();
    }

    static final FakeZoho ZOHO = RescoringProfile.ZOHO;
    static final Instant T = Instant.parse("2026-11-01T00:00:00Z");
    static final Pattern AFTER = Pattern.compile("id > '(\\d+)'");

    @Inject
    Database db;

    String run;

    @BeforeEach
    void reset() {
        RescoringProfile.newOrganisation(db);
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    List<String> seed(int n, boolean converted) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> fields = new HashMap<>(Map.of("Email", (converted ? "c" : "l") + i + "." + run + "@acme-" + run + ".com",
                    "Last_Name", "L" + i, "Designation", "Marketing Manager", "Company", "Acme", "No_of_Employees", 120, "Country", "US"));
            if (converted) {
                fields.put("$converted", true);
            }
            ids.add(ZOHO.seed("Leads", fields));
        }
        return ids;
    }

    static List<String> writtenIds() {
        List<String> ids = new ArrayList<>();
        ZOHO.requests("PUT", "/crm/v8/Leads").forEach(r -> r.json().path("data").forEach(d -> ids.add(d.path("id").asText())));
        return ids;
    }

    static List<String> leadQueries() {
        return ZOHO.requests("POST", "/crm/v8/coql").stream().map(r -> r.json().path("select_query").asText())
                .filter(q -> q.contains("from Leads where (Converted__s")).toList();
    }

    @Test
    void givenOpenAndConvertedLeads_whenReadByCoql_thenTwoThousandACallAfterTheLastId_convertedNeverScored_andCreditsByLimit() {
        List<String> open = new ArrayList<>(seed(2500, false));
        List<String> converted = seed(30, true);
        open.addAll(seed(2000, false));

        JsonPath r = RunsApi.runAndWait("{\"full\":true,\"now\":\"" + T + "\"}");

        assertThat(r.getString("run.state")).isEqualTo("completed");
        assertThat(r.getString("run.reader")).isEqualTo("coql");
        assertThat(r.getInt("run.scanned")).isEqualTo(4500);
        assertThat(r.getInt("run.changed")).isEqualTo(4500);
        assertThat(writtenIds()).hasSize(4500).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(open).doesNotContainAnyElementsOf(converted);
        assertThat(ZOHO.requests("GET", "/crm/v8/Leads").stream().filter(q -> q.path().equals("/crm/v8/Leads"))).as("no page listing").isEmpty();
        List<String> queries = leadQueries();
        assertThat(queries).hasSize(3).allSatisfy(q -> assertThat(q).endsWith("order by id asc limit 2000"));
        // Keyset paging: each query starts after the last id the one before answered (4,500 open Leads: 2,000, 2,000, 500).
        List<String> bounds = queries.stream().map(q -> {
            Matcher m = AFTER.matcher(q);
            return m.find() ? m.group(1) : null;
        }).toList();
        List<String> inIdOrder = new ArrayList<>(open);
        inIdOrder.sort((a, b) -> new BigInteger(a).compareTo(new BigInteger(b)));
        assertThat(bounds).containsExactly("0", inIdOrder.get(1999), inIdOrder.get(3999));
        // 1 count + 3 reads of LIMIT 2,000 (3 credits each) + 45 updates of 100 (10 credits each).
        assertThat(r.getLong("run.calls")).isEqualTo(1 + 3 + 45);
        assertThat(r.getLong("run.read_credits")).isEqualTo(1 + 3 * 3);
        assertThat(r.getLong("run.write_credits")).isEqualTo(450);
        assertThat(r.getLong("run.credits")).isEqualTo(460);
        assertThat(r.getDouble("run.credits_per_1000_scanned")).isEqualTo(102.2);
    }

    @Test
    void givenCreditBudget_whenReadByCoql_thenTheNextRunContinuesAfterTheLastIdDone_andWritesNoLeadTwice() {
        List<String> ids = seed(3000, false);

        // Count 1 + first read 3 + read ahead 3 + 20 updates 200 = 207; the second page's 10 updates would pass 210.
        JsonPath stopped = RunsApi.runAndWait("{\"full\":true,\"max_credits\":210,\"now\":\"" + T + "\"}");
        JsonPath next = RunsApi.runAndWait("{\"full\":true,\"now\":\"" + T + "\"}");

        assertThat(stopped.getString("run.state")).isEqualTo("stopped_budget");
        assertThat(stopped.getInt("run.changed")).isEqualTo(2000);
        assertThat(stopped.getString("run.cursor_after_id")).isEqualTo(ids.get(1999));
        assertThat(stopped.getString("run.message")).contains("after Lead " + ids.get(1999));
        assertThat(next.getString("run.state")).isEqualTo("completed");
        assertThat(next.getString("run.chain_id")).isEqualTo(stopped.getString("run.chain_id"));
        assertThat(next.getInt("run.changed")).isEqualTo(1000);
        assertThat(leadQueries().get(leadQueries().size() - 1)).contains("id > '" + ids.get(1999) + "'");
        assertThat(writtenIds()).hasSize(3000).doesNotHaveDuplicates();
    }

    @Test
    void givenZohoRefusesTheQuery_thenTheRunReadsByPages_andItsRecordSaysSo() {
        seed(450, false);
        ZOHO.refuseCoqlOn("Converted__s");

        JsonPath r = RunsApi.runAndWait("{\"full\":true,\"now\":\"" + T + "\"}");

        assertThat(r.getString("run.state")).isEqualTo("completed");
        assertThat(r.getString("run.reader")).isEqualTo("pages");
        assertThat(r.getString("run.message")).contains("refused the COQL read").contains("INVALID_QUERY");
        assertThat(r.getInt("run.changed")).isEqualTo(450);
        assertThat(ZOHO.requests("GET", "/crm/v8/Leads").stream().filter(q -> q.path().equals("/crm/v8/Leads"))).hasSize(3);
        assertThat(writtenIds()).hasSize(450).doesNotHaveDuplicates();
    }
}
