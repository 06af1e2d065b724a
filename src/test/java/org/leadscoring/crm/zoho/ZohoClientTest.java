package org.leadscoring.crm.zoho;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadscoring.crm.Conversion;
import org.leadscoring.crm.ConvertOptions;
import org.leadscoring.crm.CreditBudget;
import org.leadscoring.crm.CrmException;
import org.leadscoring.crm.RecordKind;
import org.leadscoring.crm.RecordOutcome;
import org.leadscoring.crm.RecordPage;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The Zoho client against a fake Zoho on loopback: every operation, error, retry and limit. A Quarkus test because
 * the REST client runs inside Quarkus; the client under test is built here against the fake.
 */
@QuarkusTest
class ZohoClientTest {

    FakeZoho zoho;
    HttpZohoCrm crm;

    @BeforeEach
    void start() {
        zoho = new FakeZoho();
        crm = client(zoho.url(), FakeZoho.REFRESH_TOKEN, 5, 4, Duration.ofSeconds(2));
    }

    @AfterEach
    void stop() {
        zoho.close();
        assertThat(zoho.openApiViolations()).as("requests against Zoho's OpenAPI files").isEmpty();
    }

    /** Timeouts of a test client: 2 s to connect, {@code read} to read. */
    static ZohoConfig.Timeouts timeouts(Duration read) {
        return new ZohoConfig.Timeouts() {
            @Override
            public Duration connect() {
                return Duration.ofSeconds(2);
            }

            @Override
            public Duration read() {
                return read;
            }
        };
    }

    static HttpZohoCrm client(String url, String refreshToken, int concurrency, int attempts, Duration readTimeout) {
        ZohoConfig.Timeouts timeouts = timeouts(readTimeout);
        ZohoTokens tokens = new ZohoTokens(HttpZohoCrm.client(url, timeouts, ZohoAccountsApi.class), FakeZoho.CLIENT_ID, FakeZoho.CLIENT_SECRET,
                refreshToken, Duration.ofMinutes(5), Clock.systemUTC());
        ZohoTransport transport = new ZohoTransport(tokens, concurrency, attempts, new org.leadscoring.jobs.Backoff(Duration.ofMillis(20), Duration.ofMillis(200)), Duration.ofSeconds(10));
        // No API override: the API base must come from the token's api_domain.
        return new HttpZohoCrm(transport, null, "http://127.0.0.1:9", timeouts);
    }

    static Map<String, Object> lead(String email, String lastName) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("Email", email);
        if (lastName != null) {
            fields.put("Last_Name", lastName);
        }
        return fields;
    }

    // ---- reading open Leads by COQL ---------------------------------------------------------------------------

    @Test
    void givenMoreOpenLeadsThanOneQueryHolds_whenReadByQuery_thenPagesOfTwoThousandInIdOrder_convertedLeftOut_andThreeCreditsEach() {
        List<String> open = new ArrayList<>();
        for (int i = 0; i < 4100; i++) {
            open.add(zoho.seed("Leads", lead("q" + i + "@northwind.io", "Q" + i)));
        }
        Map<String, Object> gone = lead("gone@northwind.io", "Gone");
        gone.put("$converted", true);
        String converted = zoho.seed("Leads", gone);

        List<String> read = new ArrayList<>();
        int calls = 0;
        for (RecordPage.Cursor c = RecordPage.Cursor.FIRST; c != null; calls++) {
            RecordPage page = crm.openLeadsByQuery(List.of("Last_Name"), c, 2000);
            page.records().forEach(r -> read.add(r.id()));
            c = page.next();
        }

        assertThat(calls).isEqualTo(3);
        assertThat(read).containsExactlyElementsOf(open).doesNotContain(converted);
        assertThat(crm.usage().credits()).isEqualTo(3 * 3);
        assertThat(zoho.requests("POST", "/crm/v8/coql")).allSatisfy(r -> assertThat(r.json().path("select_query").asText())
                .contains("Converted__s = false").endsWith("order by id asc limit 2000"));
    }

    @Test
    void givenNoOpenLead_whenReadByQuery_thenZohoAnswers204_andTheReadEnds() {
        RecordPage page = crm.openLeadsByQuery(List.of("Last_Name"), RecordPage.Cursor.FIRST, 2000);

        assertThat(page.records()).isEmpty();
        assertThat(page.next()).isNull();
    }

    @Test
    void givenTheFake_whenAQueryAsksForMoreThan2000Rows_orComparesIds_thenItAnswersAsZohoDoes() throws Exception {
        String first = zoho.seed("Leads", lead("a@northwind.io", "A"));
        String second = zoho.seed("Leads", lead("b@northwind.io", "B"));
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        String token = ZohoJson.MAPPER.readTree(http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(zoho.url() + "/oauth/v2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "grant_type=refresh_token&client_id=" + FakeZoho.CLIENT_ID + "&client_secret=" + FakeZoho.CLIENT_SECRET + "&refresh_token="
                                + FakeZoho.REFRESH_TOKEN)).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body()).path("access_token").asText();
        java.util.function.Function<String, java.net.http.HttpResponse<String>> coql = query -> {
            try {
                return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(zoho.url() + "/crm/v8/coql"))
                        .header("Authorization", "Zoho-oauthtoken " + token).header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(ZohoJson.MAPPER.createObjectNode().put("select_query", query).toString()))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };

        assertThat(coql.apply("select id from Leads where id > '0' order by id asc limit 2001").body()).contains("LIMIT_EXCEEDED");
        // Ids are compared as numbers: 999 is below every 19-digit id, though "999" sorts after them as text.
        var fromNine = coql.apply("select id from Leads where id > '999' order by id asc limit 1");
        assertThat(ZohoJson.MAPPER.readTree(fromNine.body()).path("data").get(0).path("id").asText()).isEqualTo(first);
        assertThat(ZohoJson.MAPPER.readTree(fromNine.body()).path("info").path("more_records").asBoolean()).isTrue();
        assertThat(coql.apply("select id from Leads where id > '" + second + "' order by id asc limit 10").statusCode()).isEqualTo(204);
    }

    // ---- auth ------------------------------------------------------------------------------------------------

    @Test
    void givenRefreshToken_whenFirstCall_thenTokenObtainedWithFormAndUsedAsZohoOauthtoken() {
        crm.create(RecordKind.LEADS, lead("ann@acme.com", "Lee"));

        FakeZoho.Request tokenRequest = zoho.requests("POST", "/oauth/v2/token").get(0);
        assertThat(tokenRequest.headers().get("content-type")).startsWith("application/x-www-form-urlencoded");
        assertThat(FakeZoho.parseQuery(tokenRequest.body())).containsEntry("grant_type", "refresh_token")
                .containsEntry("client_id", FakeZoho.CLIENT_ID).containsEntry("refresh_token", FakeZoho.REFRESH_TOKEN);
        assertThat(zoho.requests("POST", "/crm/v8/Leads").get(0).headers().get("authorization")).startsWith("Zoho-oauthtoken 1000.access-");
    }

    @Test
    void givenManyConcurrentCalls_whenNoToken_thenOneRefresh() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Future<RecordOutcome>> futures = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String email = "p" + i + "@acme.com";
            futures.add(pool.submit(() -> crm.create(RecordKind.LEADS, lead(email, "P"))));
        }
        for (Future<RecordOutcome> f : futures) {
            assertThat(f.get().success()).isTrue();
        }
        pool.shutdown();
        assertThat(zoho.tokensIssued()).isEqualTo(1);
    }

    @Test
    void givenExpiredToken_whenCalled_thenRefreshedOnceAndRetried() {
        crm.create(RecordKind.LEADS, lead("ann@acme.com", "Lee"));
        zoho.expireTokens();

        RecordOutcome outcome = crm.create(RecordKind.LEADS, lead("bo@acme.com", "Bo"));

        assertThat(outcome.success()).isTrue();
        assertThat(zoho.tokensIssued()).isEqualTo(2);
    }

    @Test
    void givenTokenAlwaysRejected_whenCalled_thenRefreshedOnceOnlyAndErrorNamesCode() {
        zoho.failNext(10, r -> r.path().startsWith("/crm/"), 401, "{\"code\":\"INVALID_TOKEN\",\"details\":{},\"message\":\"invalid oauth token\",\"status\":\"error\"}");

        assertThatThrownBy(() -> crm.create(RecordKind.LEADS, lead("ann@acme.com", "Lee")))
                .isInstanceOf(CrmException.class)
                .satisfies(e -> assertThat(((CrmException) e).error().code()).isEqualTo("INVALID_TOKEN"));
        assertThat(zoho.tokensIssued()).isEqualTo(2);
    }

    @Test
    void givenWrongRefreshToken_whenCalled_thenNonRetryableAuthError() {
        HttpZohoCrm wrong = client(zoho.url(), "1000.revoked", 5, 4, Duration.ofSeconds(2));

        assertThatThrownBy(() -> wrong.create(RecordKind.LEADS, lead("ann@acme.com", "Lee")))
                .isInstanceOf(CrmException.class)
                .satisfies(e -> {
                    assertThat(((CrmException) e).retryable()).isFalse();
                    assertThat(((CrmException) e).error().code()).isEqualTo("OAUTH_INVALID_CODE");
                    assertThat(e.getMessage()).contains("zoho.refresh-token");
                });
    }

    @Test
    void givenTenTokensInTenMinutes_whenAnotherIsNeeded_thenRefusedLocally() {
        zoho.tokenTtl(Duration.ofMinutes(4)); // inside the 5-minute refresh margin: every call needs a new token
        for (int i = 0; i < ZohoTokens.MAX_TOKENS_PER_WINDOW; i++) {
            crm.create(RecordKind.LEADS, lead("p" + i + "@acme.com", "P"));
        }

        assertThatThrownBy(() -> crm.create(RecordKind.LEADS, lead("late@acme.com", "P")))
                .isInstanceOf(CrmException.class)
                .satisfies(e -> assertThat(((CrmException) e).error().code()).isEqualTo("TOKEN_LIMIT"));
        assertThat(zoho.tokensIssued()).isEqualTo(10);
    }

    @Test
    void noSecretAppearsInAnyLogLine() {
        List<String> lines = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(String.valueOf(record.getMessage()) + " " + java.util.Arrays.toString(record.getParameters())
                        + (record.getThrown() == null ? "" : " " + record.getThrown()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.addHandler(capture);
        try {
            crm.create(RecordKind.LEADS, lead("ann@acme.com", "Lee"));
            zoho.expireTokens();
            zoho.failNext(2, 500, "{\"code\":\"INTERNAL_ERROR\",\"message\":\"boom\",\"status\":\"error\",\"details\":{}}");
            crm.findByEmail("bo@acme.com", List.of());
            assertThatThrownBy(() -> client(zoho.url(), "1000.revoked", 5, 2, Duration.ofSeconds(2)).create(RecordKind.LEADS, lead("c@acme.com", "C")));
        } finally {
            root.removeHandler(capture);
        }
        assertThat(lines).isNotEmpty();
        List<String> accessTokens = zoho.requests().stream().map(r -> r.headers().getOrDefault("authorization", ""))
                .filter(h -> !h.isEmpty()).map(h -> h.substring("Zoho-oauthtoken ".length())).toList();
        for (String line : lines) {
            assertThat(line).doesNotContain(FakeZoho.CLIENT_SECRET).doesNotContain(FakeZoho.REFRESH_TOKEN).doesNotContain("1000.revoked");
            accessTokens.forEach(t -> assertThat(line).doesNotContain(t));
        }
    }

    // ---- records ---------------------------------------------------------------------------------------------

    @Test
    void givenCreatedLead_whenFoundByEmail_thenExactMatchAndFreshRecordVisible() {
        RecordOutcome created = crm.create(RecordKind.LEADS, lead("ann@acme.com", "Lee"));
        crm.create(RecordKind.LEADS, lead("joann@acme.com", "Jo"));

        var found = crm.findByEmail("ann@acme.com", List.of("Last_Name"));

        assertThat(created.success()).isTrue();
        assertThat(zoho.requests("POST", "/crm/v8/Leads").get(0).json().path("data").get(0).path("Email").asText()).isEqualTo("ann@acme.com");
        assertThat(found).hasValueSatisfying(r -> {
            assertThat(r.module()).isEqualTo(RecordKind.LEADS);
            assertThat(r.id()).isEqualTo(created.id());
            assertThat(r.fields()).containsEntry("Last_Name", "Lee");
        });
        assertThat(crm.findByEmail("nobody@acme.com", List.of())).isEmpty();
    }

    @Test
    void givenContactAndLeadWithSameEmail_whenFound_thenContactWins() {
        zoho.seed("Leads", lead("ann@acme.com", "Lee"));
        String contactId = zoho.seed("Contacts", lead("ann@acme.com", "Lee"));

        assertThat(crm.findByEmail("ann@acme.com", List.of())).hasValueSatisfying(r -> {
            assertThat(r.module()).isEqualTo(RecordKind.CONTACTS);
            assertThat(r.id()).isEqualTo(contactId);
        });
    }

    @Test
    void givenEmailWithQuote_whenFound_thenQueryIsEscaped() {
        String id = zoho.seed("Leads", lead("o'brien@acme.com", "O'Brien"));

        assertThat(crm.findByEmail("o'brien@acme.com", List.of())).hasValueSatisfying(r -> assertThat(r.id()).isEqualTo(id));
    }

    @Test
    void givenNoLastName_whenCreated_thenMandatoryNotFoundOnLastName() {
        RecordOutcome outcome = crm.create(RecordKind.LEADS, lead("ann@acme.com", null));

        assertThat(outcome.success()).isFalse();
        assertThat(outcome.error().code()).isEqualTo("MANDATORY_NOT_FOUND");
        assertThat(outcome.error().field()).isEqualTo("Last_Name");
        assertThat(outcome.error().httpStatus()).isEqualTo(400);
    }

    @Test
    void givenBadEmail_whenCreated_thenInvalidDataOnEmail() {
        RecordOutcome outcome = crm.create(RecordKind.CONTACTS, lead("not-an-email", "Lee"));

        assertThat(outcome.error().code()).isEqualTo("INVALID_DATA");
        assertThat(outcome.error().field()).isEqualTo("Email");
    }

    @Test
    void givenExistingEmail_whenCreatedAgain_thenDuplicateDataWithExistingId() {
        String id = crm.create(RecordKind.LEADS, lead("ann@acme.com", "Lee")).id();

        RecordOutcome outcome = crm.create(RecordKind.LEADS, lead("ann@acme.com", "Lee"));

        assertThat(outcome.error().code()).isEqualTo("DUPLICATE_DATA");
        assertThat(outcome.error().duplicateId()).isEqualTo(id);
    }

    @Test
    void givenRequestLevelError_whenCalled_thenTypedErrorWithoutRetry() {
        zoho.failNext(1, 401, "{\"code\":\"OAUTH_SCOPE_MISMATCH\",\"message\":\"Unauthorized\",\"status\":\"error\",\"details\":{}}");

        assertThatThrownBy(() -> crm.create(RecordKind.LEADS, lead("ann@acme.com", "Lee")))
                .isInstanceOf(CrmException.class)
                .satisfies(e -> {
                    assertThat(((CrmException) e).error().code()).isEqualTo("OAUTH_SCOPE_MISMATCH");
                    assertThat(((CrmException) e).retryable()).isFalse();
                });
        assertThat(zoho.requests("POST", "/crm/v8/Leads")).hasSize(1);
    }

    @Test
    void given250Records_whenUpdated_thenThreeBatchesWithoutWorkflowsAndOutcomePerRecord() {
        List<Map<String, Object>> updates = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            String id = zoho.seed("Leads", lead("p" + i + "@acme.com", "P"));
            updates.add(Map.of("id", i == 7 ? "999" : id, "Lead_Score", i));
        }

        List<RecordOutcome> outcomes = crm.update(RecordKind.LEADS, updates, false);

        List<FakeZoho.Request> calls = zoho.requests("PUT", "/crm/v8/Leads");
        assertThat(calls).hasSize(3);
        assertThat(calls).extracting(r -> r.json().path("data").size()).containsExactlyInAnyOrder(100, 100, 50);
        assertThat(calls).allSatisfy(r -> assertThat(r.json().path("trigger").isArray() && r.json().path("trigger").isEmpty()).isTrue());
        assertThat(outcomes).hasSize(250);
        assertThat(outcomes.get(7).success()).isFalse();
        assertThat(outcomes.get(7).error().code()).isEqualTo("INVALID_DATA");
        assertThat(outcomes.stream().filter(RecordOutcome::success)).hasSize(249);
        assertThat(zoho.records("Leads").values()).anySatisfy(r -> assertThat(r.path("Lead_Score").asInt()).isEqualTo(249));
    }

    @Test
    void givenAnAllowance_whenAnUpdateGoesOutInBatchesOnOtherThreads_thenEachBatchIsChargedToIt_andNoneBeyondIt() {
        List<Map<String, Object>> updates = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            updates.add(Map.of("id", zoho.seed("Leads", lead("p" + i + "@acme.com", "P")), "Lead_Score", i));
        }
        CreditBudget allowance = CreditBudget.of(crm.writeCredits(250));

        crm.chargedTo(allowance).update(RecordKind.LEADS, updates, false);

        // The batches are sent from the update pool's threads: the allowance travels with the client, not the thread.
        assertThat(allowance.calls()).isEqualTo(3);
        assertThat(allowance.writeCredits()).isEqualTo(crm.writeCredits(250));
        // The client as injected charges nothing; an allowance that is spent refuses the next call before it is sent.
        crm.update(RecordKind.LEADS, updates.subList(0, 1), false);
        assertThat(allowance.calls()).isEqualTo(3);
        int sent = zoho.requests("PUT", "/crm/v8/Leads").size();
        assertThatThrownBy(() -> crm.chargedTo(allowance).update(RecordKind.LEADS, updates.subList(0, 1), false))
                .isInstanceOf(CreditBudget.Exhausted.class);
        assertThat(zoho.requests("PUT", "/crm/v8/Leads")).hasSize(sent);
    }

    @Test
    void givenSlowZoho_whenManyRecordsUpdated_thenBatchesGoOutTogetherAndOutcomesKeepRecordOrder() {
        try (FakeZoho slow = new FakeZoho()) {
            HttpZohoCrm limited = client(slow.url(), FakeZoho.REFRESH_TOKEN, 3, 4, Duration.ofSeconds(5));
            List<Map<String, Object>> updates = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                String id = slow.seed("Leads", lead("p" + i + "@acme.com", "P"));
                updates.add(Map.of("id", i == 250 ? "999" : id, "Lead_Score", i));
            }
            slow.latency(Duration.ofMillis(200));

            List<RecordOutcome> outcomes = limited.update(RecordKind.LEADS, updates, false);

            assertThat(slow.requests("PUT", "/crm/v8/Leads")).hasSize(3);
            assertThat(slow.maxInFlight()).isEqualTo(3);
            assertThat(outcomes).hasSize(300);
            assertThat(outcomes.get(250).success()).isFalse();
            assertThat(outcomes.stream().filter(RecordOutcome::success)).hasSize(299);
        }
    }

    @Test
    void givenLead_whenConverted_thenIdsReturnedOnceAndLeadLeavesOpenLeads() {
        Map<String, Object> fields = lead("ann@acme.com", "Lee");
        fields.put("Company", "Acme");
        String leadId = zoho.seed("Leads", fields);

        Conversion conversion = crm.convert(leadId, new ConvertOptions(false, Map.of("Deal_Name", "Acme – first order", "Stage", "Qualification")));
        Conversion again = crm.convert(leadId, ConvertOptions.DEFAULT);

        assertThat(conversion.contactId()).isNotNull();
        assertThat(conversion.accountId()).isNotNull();
        assertThat(conversion.dealId()).isNotNull();
        assertThat(again.alreadyConverted()).isTrue();
        assertThat(crm.findByEmail("ann@acme.com", List.of())).hasValueSatisfying(r -> {
            assertThat(r.module()).isEqualTo(RecordKind.CONTACTS);
            assertThat(r.id()).isEqualTo(conversion.contactId());
        });
        assertThat(crm.openLeads(List.of(), RecordPage.Cursor.FIRST, 200).records()).isEmpty();
        assertThat(crm.usage().credits()).isGreaterThanOrEqualTo(10);
    }

    @Test
    void givenZohoSchedulesTheConversion_thenJobIdReturned() {
        String leadId = zoho.seed("Leads", lead("ann@acme.com", "Lee"));
        zoho.failNext(1, r -> r.path().endsWith("/actions/convert"), 202, "{\"data\":[{\"code\":\"SCHEDULED\",\"details\":{\"job_id\":\"1643514000006145007\"},"
                + "\"message\":\"Convert lead scheduled successfully\",\"status\":\"success\"}]}");

        Conversion conversion = crm.convert(leadId, ConvertOptions.DEFAULT);

        assertThat(conversion.scheduledJobId()).isEqualTo("1643514000006145007");
        assertThat(conversion.contactId()).isNull();
        assertThat(conversion.alreadyConverted()).isFalse();
    }

    @Test
    void given2500OpenLeads_whenPaged_thenAllReadUsingPageTokenPast2000() {
        for (int i = 0; i < 2500; i++) {
            zoho.seed("Leads", lead("p" + i + "@acme.com", "P"));
        }
        List<String> ids = new ArrayList<>();
        RecordPage.Cursor cursor = RecordPage.Cursor.FIRST;
        int pages = 0;
        while (cursor != null) {
            RecordPage page = crm.openLeads(List.of("Last_Name"), cursor, 200);
            page.records().forEach(r -> ids.add(r.id()));
            cursor = page.next();
            pages++;
        }

        assertThat(ids).hasSize(2500).doesNotHaveDuplicates();
        assertThat(pages).isEqualTo(13);
        List<FakeZoho.Request> calls = zoho.requests("GET", "/crm/v8/Leads");
        assertThat(calls.subList(0, 10)).allSatisfy(r -> assertThat(r.query()).containsKey("page").doesNotContainKey("page_token"));
        assertThat(calls.subList(10, 13)).allSatisfy(r -> assertThat(r.query()).containsKey("page_token").doesNotContainKey("page"));
        assertThat(calls).allSatisfy(r -> assertThat(r.query().get("fields")).contains("Email").contains("Last_Name"));
    }

    @Test
    void givenNoLeads_whenPaged_then204IsAnEmptyLastPage() {
        RecordPage page = crm.openLeads(List.of(), RecordPage.Cursor.FIRST, 200);

        assertThat(page.records()).isEmpty();
        assertThat(page.hasMore()).isFalse();
    }

    // ---- faults ----------------------------------------------------------------------------------------------

    @Test
    void given429Burst_whenCalled_thenRetriedWithBackoffAndSucceeds() {
        zoho.failNext(2, 429, "{\"code\":\"TOO_MANY_REQUESTS\",\"message\":\"Rate limit exceeded\",\"status\":\"error\",\"details\":{}}");

        RecordOutcome outcome = crm.create(RecordKind.LEADS, lead("ann@acme.com", "Lee"));

        assertThat(outcome.success()).isTrue();
        assertThat(zoho.requests("POST", "/crm/v8/Leads")).hasSize(3);
        assertThat(crm.usage().retries()).isEqualTo(2);
        assertThat(zoho.records("Leads")).hasSize(1);
    }

    @Test
    void givenServerErrorsPastTheBudget_whenRead_thenRetriedThenGivesUpRetryably() {
        zoho.failNext(10, 500, "{\"code\":\"INTERNAL_ERROR\",\"message\":\"Internal Server Error\",\"status\":\"error\",\"details\":{}}");

        assertThatThrownBy(() -> crm.findByEmail("ann@acme.com", List.of()))
                .isInstanceOf(CrmException.class)
                .satisfies(e -> {
                    assertThat(((CrmException) e).failure()).isEqualTo(CrmException.Failure.PASSING);
                    assertThat(((CrmException) e).error().code()).isEqualTo("INTERNAL_ERROR");
                });
        assertThat(zoho.requests("POST", "/crm/v8/coql")).hasSize(4);
    }

    @Test
    void givenServerError_whenCreating_thenNotSentAgain_theOutcomeIsUnknown() {
        zoho.failNext(10, 500, "{\"code\":\"INTERNAL_ERROR\",\"message\":\"Internal Server Error\",\"status\":\"error\",\"details\":{}}");

        assertThatThrownBy(() -> crm.create(RecordKind.LEADS, lead("ann@acme.com", "Lee")))
                .isInstanceOf(CrmException.class)
                .satisfies(e -> {
                    assertThat(((CrmException) e).failure()).isEqualTo(CrmException.Failure.UNKNOWN_OUTCOME);
                    assertThat(((CrmException) e).retryable()).isTrue();
                });
        assertThat(zoho.requests("POST", "/crm/v8/Leads")).hasSize(1);
    }

    @Test
    void givenValidationError_whenCalled_thenNotRetried() {
        crm.create(RecordKind.LEADS, lead("ann@acme.com", null));

        assertThat(zoho.requests("POST", "/crm/v8/Leads")).hasSize(1);
        assertThat(crm.usage().retries()).isZero();
    }

    @Test
    void givenSlowZoho_whenCallTimesOut_thenRetriedThenGivesUp() {
        HttpZohoCrm impatient = client(zoho.url(), FakeZoho.REFRESH_TOKEN, 5, 2, Duration.ofMillis(300));
        impatient.findByEmail("warm@acme.com", List.of()); // token first, while Zoho is quick
        zoho.latency(Duration.ofMillis(800));

        assertThatThrownBy(() -> impatient.update(RecordKind.LEADS, List.of(Map.of("id", "1", "Lead_Score", 5)), false))
                .isInstanceOf(CrmException.class)
                .satisfies(e -> {
                    assertThat(((CrmException) e).retryable()).isTrue();
                    assertThat(((CrmException) e).error().code()).isEqualTo("UNREACHABLE");
                });
        assertThat(zoho.requests("PUT", "/crm/v8/Leads")).hasSize(2);
        // A create that timed out may have been done: it is not sent again.
        assertThatThrownBy(() -> impatient.create(RecordKind.LEADS, lead("ann@acme.com", "Lee")))
                .isInstanceOf(CrmException.class)
                .satisfies(e -> assertThat(((CrmException) e).failure()).isEqualTo(CrmException.Failure.UNKNOWN_OUTCOME));
        assertThat(zoho.requests("POST", "/crm/v8/Leads")).hasSize(1);
    }

    @Test
    void givenManyParallelCalls_thenNoMoreThanTheLimitInFlight() throws Exception {
        HttpZohoCrm limited = client(zoho.url(), FakeZoho.REFRESH_TOKEN, 3, 4, Duration.ofSeconds(5));
        limited.findByEmail("warm@acme.com", List.of());
        zoho.latency(Duration.ofMillis(100));
        ExecutorService pool = Executors.newFixedThreadPool(12);
        List<Callable<Object>> calls = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            String email = "p" + i + "@acme.com";
            calls.add(() -> limited.findByEmail(email, List.of()));
        }
        for (Future<Object> f : pool.invokeAll(calls)) {
            f.get();
        }
        pool.shutdown();

        assertThat(zoho.maxInFlight()).isEqualTo(3);
    }
}
