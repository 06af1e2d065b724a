package org.leadscoring;

import java.util.List;

import io.restassured.RestAssured;
import io.restassured.filter.Filter;

/** REST Assured as an API client configured with the test API key ({@code %test.leadscoring.api-key}). */
public final class TestApi {

    public static final String KEY = "test-api-key";

    /**
     * The secrets the tests give the service: Zoho's client secret and refresh token, the prefix of every access token
     * the fake Zoho mints, and the admin keys — {@code secret.scan} in {@code pom.xml}, the one list, which the build's
     * {@code secret-scan} also reads. No answer may hold one (checked on every answer a test reads through REST Assured,
     * as is that each answer is what the API's document says: {@link ApiContract}).
     */
    public static final List<String> SECRETS = java.util.Arrays.stream(System.getProperty("secret.scan", "").split("\\|"))
            .filter(s -> !s.isEmpty()).toList();

    /** Adds the test key to requests that do not carry an X-API-Key of their own. */
    private static final Filter KEY_FILTER = (request, response, ctx) -> {
        if (!request.getHeaders().hasHeaderWithName("X-API-Key")) {
            request.header("X-API-Key", KEY);
        }
        return ctx.next(request, response);
    };

    /** Fails any answer that holds one of the {@link #SECRETS}. */
    private static final Filter SECRET_SCAN = (request, response, ctx) -> {
        io.restassured.response.Response answer = ctx.next(request, response);
        String body = answer.asString();
        for (String secret : SECRETS) {
            if (body != null && body.contains(secret)) {
                throw new AssertionError(request.getMethod() + " " + request.getURI() + " answered a secret: " + secret);
            }
        }
        return answer;
    };

    private TestApi() {
    }

    /** Every request sends the test key, unless it sets X-API-Key itself. */
    public static void useKey() {
        RestAssured.replaceFiltersWith(List.of(KEY_FILTER, SECRET_SCAN, ApiContract.FILTER));
    }

    /** Runs requests that send no key at all. */
    public static void withoutKey(Runnable requests) {
        RestAssured.replaceFiltersWith(List.of(SECRET_SCAN, ApiContract.FILTER));
        try {
            requests.run();
        } finally {
            useKey();
        }
    }
}
