package org.leadscoring.crm.zoho;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadscoring.config.Secrets;
import org.leadscoring.crm.ConvertOptions;
import org.leadscoring.crm.CrmException;
import org.leadscoring.crm.CrmRecord;
import org.leadscoring.crm.RecordKind;
import org.leadscoring.crm.RecordOutcome;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The Zoho client on a bad day: answers that are not Zoho's, answers lost after Zoho committed, loose matches, pacing,
 * a throttling accounts server, and answers that echo credentials. Each would have the service write twice, write the
 * wrong person, spin, or leak a secret if the client believed it.
 */
@QuarkusTest
class ZohoFaultsTest {

    static final String GATEWAY_PAGE = "<html><body><h1>504 Gateway Time-out</h1></body></html>";

    FakeZoho zoho;
    HttpZohoCrm crm;

    /** The tokens' clock, moved by the tests: the spacing of token requests is judged on it, not on the wall clock. */
    static final class TestClock extends Clock {
        volatile Instant now = Instant.now();

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final TestClock clock = new TestClock();

    @BeforeEach
    void start() {
        zoho = new FakeZoho();
        crm = client(Duration.ofSeconds(60));
    }

    @AfterEach
    void stop() {
        zoho.close();
    }

    HttpZohoCrm client(Duration throttleWait) {
        ZohoConfig.Timeouts timeouts = ZohoClientTest.timeouts(Duration.ofSeconds(2));
        ZohoTokens tokens = new ZohoTokens(HttpZohoCrm.client(zoho.url(), timeouts, ZohoAccountsApi.class), FakeZoho.CLIENT_ID, FakeZoho.CLIENT_SECRET,
                FakeZoho.REFRESH_TOKEN, Duration.ofMinutes(5), clock, throttleWait);
        ZohoTransport transport = new ZohoTransport(tokens, 5, 4, new org.leadscoring.jobs.Backoff(Duration.ofMillis(20), Duration.ofMillis(200)), Duration.ofSeconds(5));
        return new HttpZohoCrm(transport, null, "http://127.0.0.1:9", timeouts);
    }

    static boolean coql(FakeZoho.Request r) {
        return r.path().equals("/crm/v8/coql");
    }

    static boolean createLead(FakeZoho.Request r) {
        return r.method().equals("POST") && r.path().equals("/crm/v8/Leads");
    }

    static boolean token(FakeZoho.Request r) {
        return r.path().equals("/oauth/v2/token");
    }

    // ---- the wrong person ------------------------------------------------------------------------------------

    @Test
    void givenZohoMatchesLoosely_whenLookedUp_thenAnotherPersonsRecordIsNotThePerson_andCounted() {
        zoho.seed("Leads", Map.of("Email", "diana@example.com", "Last_Name", "Prince"));

        // Zoho (like the fake) folds the dotless ı into i: it answers Diana's Lead for dıana@.
        assertThat(crm.findByEmail("d\u0131ana@example.com", List.of())).isEmpty();
        assertThat(crm.usage().looseMatches()).isEqualTo(1);
        // The same mailbox in other spellings is the person.
        assertThat(crm.findByEmail("DIANA@Example.COM", List.of())).isPresent();
        assertThat(crm.findByEmail("diana@\uff45xample.com", List.of())).isPresent();
        assertThat(crm.usage().looseMatches()).isEqualTo(1);
    }

    @Test
    void givenARecordWrittenWithAUnicodeDomain_thenTheCanonicalSpellingFindsIt() {
        String id = zoho.seed("Leads", Map.of("Email", "dana@bücher-check.de", "Last_Name", "Dana"));

        assertThat(crm.findByEmail("dana@xn--bcher-check-thb.de", List.of())).get().extracting(CrmRecord::id).isEqualTo(id);
        assertThat(crm.usage().looseMatches()).isZero();
    }

    @Test
    void givenALookupAnswered200WithAGatewayPage_thenItIsAFailure_neverNobody() {
        zoho.seed("Leads", Map.of("Email", "ann@acme.com", "Last_Name", "Lee"));
        zoho.failNext(10, ZohoFaultsTest::coql, 200, GATEWAY_PAGE);

        assertThatThrownBy(() -> crm.findByEmail("ann@acme.com", List.of()))
                .isInstanceOfSatisfying(CrmException.class, e -> {
                    assertThat(e.failure()).isEqualTo(CrmException.Failure.PASSING);
                    assertThat(e.error().code()).isEqualTo("NOT_ZOHO_ANSWER");
                });
        zoho.clearFaults();
        zoho.failNext(1, ZohoFaultsTest::coql, 200, "{\"info\":{}}");
        assertThatThrownBy(() -> crm.findByEmail("ann@acme.com", List.of())).isInstanceOf(CrmException.class);
        assertThat(crm.findByEmail("ann@acme.com", List.of())).isPresent();
    }

    // ---- twice -----------------------------------------------------------------------------------------------

    @Test
    void givenACreateCommittedButAnswered504_thenItIsNotSentAgain_andTheOutcomeIsUnknown() {
        zoho.loseAnswerNext(1, ZohoFaultsTest::createLead, 504, GATEWAY_PAGE);

        assertThatThrownBy(() -> crm.create(RecordKind.LEADS, Map.of("Email", "ann@acme.com", "Last_Name", "Lee")))
                .isInstanceOfSatisfying(CrmException.class, e -> assertThat(e.failure()).isEqualTo(CrmException.Failure.UNKNOWN_OUTCOME));

        assertThat(zoho.requests("POST", "/crm/v8/Leads")).hasSize(1);
        assertThat(zoho.records("Leads")).hasSize(1);
        assertThat(crm.usage().lostAnswers()).isEqualTo(1);
        // The lookup that must come before any retry finds it.
        assertThat(crm.findByEmail("ann@acme.com", List.of())).isPresent();
    }

    @Test
    void givenACreateAnswered200WithoutItsEnvelope_thenTheOutcomeIsUnknown() {
        zoho.loseAnswerNext(1, ZohoFaultsTest::createLead, 201, "{\"status\":\"success\"}");

        assertThatThrownBy(() -> crm.create(RecordKind.LEADS, Map.of("Email", "ann@acme.com", "Last_Name", "Lee")))
                .isInstanceOfSatisfying(CrmException.class, e -> assertThat(e.failure()).isEqualTo(CrmException.Failure.UNKNOWN_OUTCOME));
        assertThat(zoho.requests("POST", "/crm/v8/Leads")).hasSize(1);
    }

    @Test
    void givenAConversionAnsweredWithAGatewayPage_thenItIsNotRequestedAgain() {
        String lead = zoho.seed("Leads", Map.of("Email", "ann@acme.com", "Last_Name", "Lee"));
        zoho.loseAnswerNext(1, r -> r.path().endsWith("/actions/convert"), 502, GATEWAY_PAGE);

        assertThatThrownBy(() -> crm.convert(lead, ConvertOptions.DEFAULT))
                .isInstanceOfSatisfying(CrmException.class, e -> assertThat(e.failure()).isEqualTo(CrmException.Failure.UNKNOWN_OUTCOME));
        assertThat(zoho.requests("POST", "/crm/v8/Leads/" + lead + "/actions/convert")).hasSize(1);
    }

    // ---- pace ------------------------------------------------------------------------------------------------

    @Test
    void givenA429WithRetryAfter_thenTheWholeClientWaits_andNothingIsSentMeanwhile() {
        crm.findByEmail("warm@acme.com", List.of());
        zoho.clearRequests();
        zoho.failNext(1, r -> r.path().startsWith("/crm/"), 429, Map.of("Retry-After", "60"),
                r -> "{\"code\":\"TOO_MANY_REQUESTS\",\"message\":\"Rate limit exceeded\",\"status\":\"error\",\"details\":{}}");
        Instant before = Instant.now();

        assertThatThrownBy(() -> crm.findByEmail("ann@acme.com", List.of()))
                .isInstanceOfSatisfying(CrmException.class, e -> {
                    assertThat(e.failure()).isEqualTo(CrmException.Failure.THROTTLED);
                    assertThat(e.retryAt()).isAfter(before.plusSeconds(55));
                });
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> crm.create(RecordKind.LEADS, Map.of("Email", "bo@acme.com", "Last_Name", "Bo")))
                    .isInstanceOfSatisfying(CrmException.class, e -> assertThat(e.failure()).isEqualTo(CrmException.Failure.THROTTLED));
        }
        assertThat(zoho.requests()).hasSize(1);
        assertThat(crm.usage().throttles()).isEqualTo(1);
    }

    @Test
    void givenZohoSaysHowManyCreditsRemain_thenTheUsageCarriesIt_andAnythingButACountIsNotBelieved() {
        crm.findByEmail("first@acme.com", List.of());
        assertThat(crm.usage().creditsRemaining()).as("not said yet").isEqualTo(-1);
        zoho.creditsRemaining("48213");
        crm.findByEmail("second@acme.com", List.of());
        assertThat(crm.usage().creditsRemaining()).isEqualTo(48_213);
        for (String wrong : List.of("lots", "-5", "1e9", "99999999999", " ", "12 345")) {
            zoho.creditsRemaining(wrong);
            crm.findByEmail("third@acme.com", List.of());
            assertThat(crm.usage().creditsRemaining()).as(wrong).isEqualTo(48_213);
        }
        zoho.creditsRemaining("0");
        crm.findByEmail("fourth@acme.com", List.of());
        assertThat(crm.usage().creditsRemaining()).isZero();
    }

    @Test
    void givenRateLimitHeadersSayingNoneRemain_thenTheClientWaitsForTheReset() {
        crm.findByEmail("warm@acme.com", List.of());
        zoho.clearRequests();
        zoho.failNext(1, ZohoFaultsTest::coql, 204, Map.of("X-RATELIMIT-REMAINING", "0", "X-RATELIMIT-RESET", "120"), r -> null);

        // Contacts answered (none, and none remaining): the Leads half of the lookup is not sent before the reset.
        assertThatThrownBy(() -> crm.findByEmail("ann@acme.com", List.of()))
                .isInstanceOfSatisfying(CrmException.class, e -> assertThat(e.retryAt()).isAfter(Instant.now().plusSeconds(100)));
        assertThat(zoho.requests()).hasSize(1);
    }

    @Test
    void givenTheAccountsServerThrottles_thenItIsAThrottle_andTokenRequestsAreSpaced() {
        zoho.failNext(1, ZohoFaultsTest::token, 400, "{\"error\":\"Access Denied\",\"error_description\":\"You have made too many requests continuously.\"}");

        assertThatThrownBy(() -> crm.findByEmail("ann@acme.com", List.of()))
                .isInstanceOfSatisfying(CrmException.class, e -> {
                    assertThat(e.failure()).isEqualTo(CrmException.Failure.THROTTLED);
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.retryAt()).isNotNull();
                });
        // Within the spacing nobody asks the accounts server again; after it, the token comes and the call goes through.
        clock.now = clock.now.plusSeconds(59);
        assertThatThrownBy(() -> crm.findByEmail("ann@acme.com", List.of()))
                .isInstanceOfSatisfying(CrmException.class, e -> assertThat(e.failure()).isEqualTo(CrmException.Failure.THROTTLED));
        assertThat(zoho.requests("POST", "/oauth/v2/token")).hasSize(1);
        clock.now = clock.now.plusSeconds(2);
        assertThat(crm.findByEmail("ann@acme.com", List.of())).isEmpty();
        assertThat(zoho.requests("POST", "/oauth/v2/token")).hasSize(2);
    }

    @Test
    void givenTheAccountsServerAnswers200AccessDenied_thenItIsAThrottleToo() {
        zoho.failNext(1, ZohoFaultsTest::token, 200, "{\"error\":\"Access Denied\"}");

        assertThatThrownBy(() -> crm.findByEmail("ann@acme.com", List.of()))
                .isInstanceOfSatisfying(CrmException.class, e -> assertThat(e.failure()).isEqualTo(CrmException.Failure.THROTTLED));
    }

    // ---- secrets ---------------------------------------------------------------------------------------------

    @Test
    void givenZohoEchoesTheAuthorizationHeader_thenTheErrorCarriesNoToken() {
        crm.findByEmail("warm@acme.com", List.of());
        String token = zoho.requests("POST", "/crm/v8/coql").get(0).headers().get("authorization").substring("Zoho-oauthtoken ".length());
        zoho.failNext(1, ZohoFaultsTest::createLead, 400, Map.of(), r -> "{\"data\":[{\"code\":\"INVALID_DATA\",\"status\":\"error\",\"message\":\"bad header "
                + r.headers().get("authorization") + "\",\"details\":{\"api_name\":\"Email\",\"header\":\"" + r.headers().get("authorization") + "\"}}]}");

        RecordOutcome outcome = crm.create(RecordKind.LEADS, Map.of("Email", "ann@acme.com", "Last_Name", "Lee"));

        assertThat(outcome.success()).isFalse();
        assertThat(outcome.error().code()).isEqualTo("INVALID_DATA");
        assertThat(outcome.error().field()).isEqualTo("Email");
        assertThat(outcome.error().toString() + outcome.error().details()).doesNotContain(token);
        assertThat(Secrets.scrub("x " + token)).isEqualTo("x " + Secrets.MASK);
    }

    @Test
    void givenTheAccountsServerEchoesTheRequest_thenNeitherSecretNorRefreshTokenIsInTheError() {
        zoho.failNext(1, ZohoFaultsTest::token, 400, Map.of(), r -> "{\"error\":\"" + r.body() + "\"}");

        assertThatThrownBy(() -> crm.findByEmail("ann@acme.com", List.of()))
                .isInstanceOfSatisfying(CrmException.class, e -> {
                    assertThat(e.getMessage() + e.error().code()).doesNotContain(FakeZoho.CLIENT_SECRET).doesNotContain(FakeZoho.REFRESH_TOKEN);
                    assertThat(e.failure()).isEqualTo(CrmException.Failure.SETUP);
                });
    }
}
