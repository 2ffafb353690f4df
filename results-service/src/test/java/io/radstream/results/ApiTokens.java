package io.radstream.results;

import java.util.List;

import io.radstream.localstack.TestTokens;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;

/**
 * Bearer tokens for the results API in tests. {@link #readerByDefault()} makes every RestAssured
 * request of a test class authenticate as a reader of {@link TestEvents#TENANT} unless the request
 * names its own Authorization header.
 */
public final class ApiTokens {

    private ApiTokens() {
    }

    /** The Authorization header of a valid token: {@code tester@tenant} with one role. */
    public static String bearer(String role, String tenant) {
        return TestTokens.bearer(TestTokens.token(role, tenant));
    }

    /** The Authorization header of a reader of {@link TestEvents#TENANT}. */
    public static String reader() {
        return bearer("reader", TestEvents.TENANT);
    }

    public static void readerByDefault() {
        String reader = reader();
        Filter authorize = (request, response, context) -> {
            if (!request.getHeaders().hasHeaderWithName("Authorization")) {
                request.header("Authorization", reader);
            }
            return context.next(request, response);
        };
        RestAssured.replaceFiltersWith(List.of(authorize));
    }

    public static void noDefault() {
        RestAssured.replaceFiltersWith(List.of());
    }
}
