package org.leadscoring;

import java.util.List;

import io.restassured.RestAssured;
import io.restassured.filter.Filter;

/** REST Assured as an API client configured with the test API key ({@code %test.leadscoring.api-key}). */
public final class TestApi {

    public static final String KEY = "test-api-key";

    /** Adds the test key to requests that do not carry an X-API-Key of their own. */
    private static final Filter KEY_FILTER = (request, response, ctx) -> {
        if (!request.getHeaders().hasHeaderWithName("X-API-Key")) {
            request.header("X-API-Key", KEY);
        }
        return ctx.next(request, response);
    };

    private TestApi() {
    }

    /** Every request sends the test key, unless it sets X-API-Key itself. */
    public static void useKey() {
        RestAssured.replaceFiltersWith(List.of(KEY_FILTER));
    }

    /** Runs requests that send no key at all. */
    public static void withoutKey(Runnable requests) {
        RestAssured.replaceFiltersWith(List.of());
        try {
            requests.run();
        } finally {
            useKey();
        }
    }
}
