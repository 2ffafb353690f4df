package io.radstream.results.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With no broker, Kafka Streams never starts: the API must say "retry later", never 500. */
@QuarkusTest
@TestProfile(StoreUnavailableTest.NoBroker.class)
class StoreUnavailableTest extends io.radstream.results.AsReader {

    public static class NoBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kafka.bootstrap.servers", "localhost:1",
                    "quarkus.kafka-streams.bootstrap-servers", "localhost:1");
        }
    }

    @Test
    void shouldAnswer503WithRetryAfterWhileTheStoresAreNotQueryable() {
        given().get("/api/v1/studies/1.2.3").then()
                .statusCode(503)
                .header("Retry-After", "1")
                .body("status", equalTo(503));
        given().get("/api/v1/alerts").then().statusCode(503);
        given().get("/api/v1/worklist").then().statusCode(503).header("Retry-After", "1");
        given().accept("text/event-stream").get("/api/v1/worklist/stream").then().statusCode(503);
        given().contentType("application/json").body("{\"note\":\"seen\"}")
                .post("/api/v1/alerts/{id}/ack", "0f8fad5b-d9cb-469f-a165-70867728950e").then()
                .statusCode(503)
                .header("Retry-After", "1");
    }

    @Test
    void shouldAnswerTheOperationsApiWith503WhileKafkaDoesNotReportTheLanes() {
        given().get("/api/v1/operations").then()
                .statusCode(503)
                .header("Retry-After", "1")
                .body("status", equalTo(503));
    }

    @Test
    void shouldStillValidateTheStudyUidFirst() {
        given().get("/api/v1/studies/not-a-uid").then().statusCode(400).body("status", equalTo(400));
    }
}
