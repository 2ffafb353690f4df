package io.radstream.ingest;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import io.radstream.localstack.TestTokens;
import io.radstream.localstack.TopicReader;
import io.radstream.schemas.events.ImageArrived;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;

/**
 * Base of the ingest integration tests: a reader of both image lanes, open for the whole class, and
 * requests authenticated as an uploader of tenant {@value #TENANT} unless a request names its own
 * Authorization header.
 */
public abstract class WithLanes {

    public static final String TENANT = "default";

    protected static TopicReader<ImageArrived> lanes;

    @BeforeAll
    static void openLanes() {
        lanes = StowBodies.lanes();
        String uploader = TestTokens.bearer(TestTokens.token("uploader", TENANT));
        Filter authorize = (request, response, context) -> {
            if (!request.getHeaders().hasHeaderWithName("Authorization")) {
                request.header("Authorization", uploader);
            }
            return context.next(request, response);
        };
        RestAssured.replaceFiltersWith(List.of(authorize));
    }

    @AfterAll
    static void closeLanes() {
        RestAssured.replaceFiltersWith(List.of());
        lanes.close();
    }
}
