package io.radstream.results;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.radstream.schemas.Topics;
import io.radstream.schemas.events.Finding;
import io.radstream.schemas.events.ImageArrived;
import io.radstream.schemas.events.Priority;
import io.radstream.schemas.events.Urgency;
import io.radstream.localstack.RadStreamStackResource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * Interactive queries over two instances of the application (this {@code @QuarkusTest} one and the
 * packaged service as a child JVM, same application id and broker): each owns some studies, and
 * either answers for every study — reports, FHIR, the worklist, alerts and acknowledgements —
 * still scoped to the caller's tenant.
 */
@QuarkusTest
@QuarkusTestResource(value = RadStreamStackResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = AdvertisedTestPort.class, restrictToAnnotatedClass = true)
class TwoInstancesIT {

    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final String OTHER = "other-clinic";
    private static final int STUDIES_PER_INSTANCE = 3;
    private static SecondInstance second;

    @Inject
    KafkaStreams streams;

    @ConfigProperty(name = "quarkus.http.test-port")
    int myPort;

    @BeforeAll
    static void startSecondInstance() throws Exception {
        ApiTokens.noDefault();
        Path dir = Files.createDirectories(Path.of("target", "two-instances"));
        second = SecondInstance.start(Files.createTempDirectory(dir, "state-"), dir.resolve("second-instance.log"));
    }

    @AfterAll
    static void stopSecondInstance() throws InterruptedException {
        if (second != null) {
            second.close();
        }
    }

    @Test
    void shouldAnswerEveryStudyFromEitherInstanceWithinTheCallersTenant() {
        second.awaitReady(PATIENCE);
        awaitBothHoldPartitions();
        Map<Integer, List<String>> byOwner = studiesOwnedByEach();
        List<String> studies = byOwner.values().stream().flatMap(List::stream).toList();
        String theirs = KafkaTestIo.newStudyUid();
        studies.forEach(study -> raise(study, TestEvents.TENANT));
        raise(theirs, OTHER);

        String reader = ApiTokens.reader();
        Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            for (String study : studies) {
                for (RequestSpecification instance : both(reader)) {
                    instance.get("/api/v1/studies/{uid}", study).then().statusCode(200)
                            .body("studyInstanceUid", equalTo(study)).body("tenant", equalTo(TestEvents.TENANT));
                }
            }
        });
        for (String study : studies) {
            for (RequestSpecification instance : both(reader)) {
                instance.get("/fhir/DiagnosticReport/{id}", study).then().statusCode(200).body("resourceType",
                        equalTo("DiagnosticReport"));
            }
            on(second.port(), reader).get("/fhir/DiagnosticReport?identifier={id}", study).then().statusCode(200)
                    .body("total", equalTo(1));
        }
        for (RequestSpecification instance : both(reader)) {
            instance.get("/api/v1/studies/{uid}", theirs).then().statusCode(404);
        }
        assertThat(peerQueries(myPort)).as("this instance asked the other one").isPositive();
        assertThat(peerQueries(second.port())).as("the other instance asked this one").isPositive();
    }

    @Test
    void shouldListAllStudiesOnTheWorklistOfEitherInstanceAndPageAcrossThem() {
        second.awaitReady(PATIENCE);
        awaitBothHoldPartitions();
        List<String> studies = studiesOwnedByEach().values().stream().flatMap(List::stream).toList();
        studies.forEach(study -> raise(study, TestEvents.TENANT));
        String reader = ApiTokens.reader();
        Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            for (RequestSpecification instance : both(reader)) {
                JsonPath page = instance.get("/api/v1/worklist?size=500").then().statusCode(200).extract().jsonPath();
                assertThat(page.getList("items.studyInstanceUid", String.class)).containsAll(studies);
                assertThat(page.getList("items.tenant", String.class)).containsOnly(TestEvents.TENANT);
            }
        });
        // pages of 2 from the second instance: the same order, nothing twice, nothing missing, as one list
        JsonPath whole = on(second.port(), reader).get("/api/v1/worklist?size=500").then().extract().jsonPath();
        List<String> order = whole.getList("items.studyInstanceUid", String.class);
        List<String> paged = new ArrayList<>();
        for (int page = 0; page * 2 < whole.getInt("total"); page++) {
            JsonPath one = on(second.port(), reader).get("/api/v1/worklist?size=2&page={page}", page).then()
                    .statusCode(200).extract().jsonPath();
            assertThat(one.getInt("total")).isEqualTo(whole.getInt("total"));
            paged.addAll(one.getList("items.studyInstanceUid", String.class));
        }
        assertThat(paged).isEqualTo(order);
    }

    @Test
    void shouldKeepTenantsApartAndAcknowledgeThroughTheInstanceThatDoesNotHoldTheAlert() {
        second.awaitReady(PATIENCE);
        awaitBothHoldPartitions();
        Map<Integer, List<String>> byOwner = studiesOwnedByEach();
        String mine = byOwner.get(second.port()).get(0); // held by the second instance, asked here
        String theirs = byOwner.get(myPort).get(0); // another tenant's, held here, asked there
        raise(mine, TestEvents.TENANT);
        raise(theirs, OTHER);
        String reader = ApiTokens.reader();
        String otherReader = ApiTokens.bearer("reader", OTHER);
        Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            on(myPort, reader).get("/api/v1/studies/{uid}/alerts", mine).then().statusCode(200).body("size()", equalTo(1));
            on(second.port(), otherReader).get("/api/v1/studies/{uid}", theirs).then().statusCode(200);
        });
        on(myPort, otherReader).get("/api/v1/studies/{uid}", mine).then().statusCode(404);
        on(second.port(), reader).get("/api/v1/studies/{uid}", theirs).then().statusCode(404);
        on(second.port(), reader).get("/fhir/DiagnosticReport/{id}", theirs).then().statusCode(404);
        on(second.port(), reader).get("/api/v1/studies/{uid}/alerts", theirs).then().statusCode(200)
                .body("size()", equalTo(0));
        String theirAlert = Alerts.alertId(OTHER, theirs, "pneumothorax");
        on(second.port(), reader).contentType(ContentType.JSON).body("{}").post("/api/v1/alerts/{id}/ack", theirAlert)
                .then().statusCode(404);

        String myAlert = Alerts.alertId(TestEvents.TENANT, mine, "pneumothorax");
        on(myPort, reader).contentType(ContentType.JSON).body("{\"note\":\"seen\"}").post("/api/v1/alerts/{id}/ack", myAlert)
                .then().statusCode(202).body("alertId", equalTo(myAlert));
        Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertThat(on(myPort, reader).get("/api/v1/alerts?limit=1000").then().statusCode(200).extract().jsonPath()
                        .getList("findAll { it.alertId == '" + myAlert + "' }.acknowledged", Boolean.class))
                        .containsExactly(true));
        on(myPort, reader).contentType(ContentType.JSON).body("{}").post("/api/v1/alerts/{id}/ack", myAlert)
                .then().statusCode(200).body("alertId", equalTo(myAlert));
        on(myPort, otherReader).get("/api/v1/alerts?limit=1000").then().statusCode(200)
                .body("alertId", org.hamcrest.Matchers.hasItem(theirAlert))
                .body("tenant", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(TestEvents.TENANT)));
    }

    @Test
    void shouldStreamChangesOfEveryInstancesStudiesFromEitherInstance() throws Exception {
        second.awaitReady(PATIENCE);
        awaitBothHoldPartitions();
        Map<Integer, List<String>> byOwner = studiesOwnedByEach();
        String heldHere = byOwner.get(myPort).get(0);
        String heldThere = byOwner.get(second.port()).get(0);
        raise(heldHere, TestEvents.TENANT);
        String reader = ApiTokens.reader();
        Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                on(myPort, reader).get("/api/v1/studies/{uid}", heldHere).then().statusCode(200));
        try (SseLines here = SseLines.open(URI.create("http://localhost:" + myPort + "/api/v1/worklist/stream?size=500"), reader);
             SseLines there = SseLines.open(second.uri().resolve("/api/v1/worklist/stream?size=500"), reader)) {
            // the first event, the list, holds the study of the other instance too
            there.await(PATIENCE, line -> line.startsWith("data:") && line.contains(heldHere));
            raise(heldThere, TestEvents.TENANT);
            here.await(PATIENCE, line -> line.startsWith("data:") && line.contains(heldThere));
            there.await(PATIENCE, line -> line.startsWith("data:") && line.contains(heldThere));
        }
    }

    /** Both instances run and together hold every findings partition, each some. */
    private void awaitBothHoldPartitions() {
        Awaitility.await("both instances hold findings partitions").atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(250)).until(() -> {
                    if (streams.state() != KafkaStreams.State.RUNNING) {
                        return false;
                    }
                    Map<Integer, Long> partitions = streams.metadataForAllStreamsClients().stream()
                            .collect(Collectors.toMap(client -> client.hostInfo().port(), TwoInstancesIT::findings));
                    return partitions.keySet().equals(Set.of(myPort, second.port()))
                            && partitions.values().stream().allMatch(count -> count > 0)
                            && partitions.values().stream().mapToLong(Long::longValue).sum() == Topics.FINDINGS.partitions();
                });
    }

    private static long findings(StreamsMetadata client) {
        return client.topicPartitions().stream().filter(p -> p.topic().equals(Topics.FINDINGS.name())).count();
    }

    /** New study UIDs, {@value #STUDIES_PER_INSTANCE} held by each instance (by the Kafka Streams metadata). */
    private Map<Integer, List<String>> studiesOwnedByEach() {
        Map<Integer, List<String>> byOwner = Map.of(myPort, new ArrayList<>(), second.port(), new ArrayList<>());
        Set<String> tried = new HashSet<>();
        while (byOwner.values().stream().anyMatch(owned -> owned.size() < STUDIES_PER_INSTANCE)) {
            String study = KafkaTestIo.newStudyUid();
            tried.add(study);
            int owner = streams.queryMetadataForKey(TopologyProducer.REPORT_STORE, study, Serdes.String().serializer())
                    .activeHost().port();
            List<String> owned = byOwner.get(owner);
            assertThat(owned).as("owner port " + owner).isNotNull();
            if (owned.size() < STUDIES_PER_INSTANCE) {
                owned.add(study);
            }
            assertThat(tried).as("studies tried").hasSizeLessThan(1000);
        }
        return byOwner;
    }

    /** An arrival and a positive STAT finding (one urgent alert) of a study of {@code tenant}. */
    private static void raise(String study, String tenant) {
        String sop = study + ".1";
        ImageArrived arrival = ImageArrived.newBuilder(TestEvents.arrival(study, sop, Priority.STAT)).setTenant(tenant).build();
        KafkaTestIo.send(Topics.IMAGES_STAT, study, arrival);
        Finding finding = TestEvents.completed(study, sop, "cxr", List.of("cxr"),
                TestEvents.score("pneumothorax", 0.93, Urgency.STAT));
        KafkaTestIo.send(Topics.FINDINGS, study, Finding.newBuilder(finding).setTenant(tenant).build());
    }

    private static double peerQueries(int port) {
        String metrics = given().baseUri("http://localhost").port(port).get("/q/metrics").then().statusCode(200)
                .extract().asString();
        return metrics.lines()
                .filter(line -> line.startsWith("radstream_results_peer_queries_total{") && line.contains("outcome=\"found\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private List<RequestSpecification> both(String authorization) {
        return List.of(on(myPort, authorization), on(second.port(), authorization));
    }

    private static RequestSpecification on(int port, String authorization) {
        return given().baseUri("http://localhost").port(port).header("Authorization", authorization);
    }
}
