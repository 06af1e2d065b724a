package org.leadscoring.crm.zoho;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The OpenAPI check the fake Zoho applies does catch requests that break Zoho's specification. */
class ZohoOpenApiTest {

    static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

    @Test
    void conformingRequestsPass() {
        assumeTrue(ZohoOpenApi.available(), "Zoho's OpenAPI files are not beside the project");
        assertThat(ZohoOpenApi.check("POST", "/crm/v8/Leads", Map.of(), JSON, "{\"data\":[{\"Last_Name\":\"Lee\"}],\"trigger\":[]}")).isEmpty();
        assertThat(ZohoOpenApi.check("POST", "/crm/v8/coql", Map.of(), JSON, "{\"select_query\":\"select id from Leads where Email = 'a@b.io'\"}")).isEmpty();
    }

    @Test
    void malformedRequestsAreCaught() {
        assumeTrue(ZohoOpenApi.available(), "Zoho's OpenAPI files are not beside the project");
        assertThat(ZohoOpenApi.check("POST", "/crm/v8/Leads", Map.of(), JSON, "{\"records\":[{\"Last_Name\":\"Lee\"}]}")).isNotEmpty();
        assertThat(ZohoOpenApi.check("POST", "/crm/v8/coql", Map.of(), JSON, "{\"query\":\"select id from Leads\"}")).isNotEmpty();
        assertThat(ZohoOpenApi.check("POST", "/crm/v8/Leads", Map.of(), JSON, "{\"data\":[{\"Last_Name\":\"Lee\"}],\"trigger\":\"none\"}")).isNotEmpty();
    }
}
