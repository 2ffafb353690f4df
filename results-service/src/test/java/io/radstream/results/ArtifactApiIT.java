package io.radstream.results;

import static io.radstream.results.TestEvents.arrival;
import static io.radstream.results.TestEvents.completed;
import static io.radstream.results.TestEvents.score;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.radstream.localstack.RadStreamStackResource;
import io.radstream.schemas.Topics;
import io.radstream.schemas.events.Artifact;
import io.radstream.schemas.events.ArtifactKind;
import io.radstream.schemas.events.Finding;
import io.radstream.schemas.events.ObjectRef;
import io.radstream.schemas.events.Priority;
import io.radstream.schemas.events.Urgency;
import io.restassured.path.json.JsonPath;

/**
 * The derived images of a study over the API, from the real object store: a reader of the study's tenant
 * gets the heatmap bytes the finding linked; another tenant, an unknown index or an object no longer
 * stored answer 404 — no client can name an object key.
 */
@QuarkusTest
@QuarkusTestResource(value = RadStreamStackResource.class, restrictToAnnotatedClass = true)
class ArtifactApiIT extends AsReader {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @Test
    void shouldServeTheLinkedHeatmapToItsTenantOnly() throws Exception {
        String study = KafkaTestIo.newStudyUid();
        String sop = study + ".1";
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2, 3};
        String stored = put(study + "/heatmap.png", png);
        publish(study, sop, artifact(stored), artifact(study + "/never-written.png"));

        JsonPath report = awaitArtifacts(study, 2);
        String url = report.getString("images[0].artifacts[0].url");
        assertThat(url).isEqualTo("/api/v1/studies/" + study + "/images/" + sop + "/artifacts/0");
        assertThat(report.getString("images[0].artifacts[0].kind")).isEqualTo("HEATMAP");
        assertThat(report.getString("images[0].artifacts[0].label")).isEqualTo("pneumothorax");

        byte[] served = given().get(url).then().statusCode(200).contentType("image/png")
                .header("Cache-Control", "private, max-age=3600").extract().asByteArray();
        assertThat(served).isEqualTo(png);
        given().header("Authorization", ApiTokens.bearer("reader", "other-clinic")).get(url).then().statusCode(404);
        given().get("/api/v1/studies/" + study + "/images/" + sop + "/artifacts/2").then().statusCode(404);
        given().get("/api/v1/studies/" + study + "/images/" + sop + "/artifacts/1").then().statusCode(404);
        given().get("/api/v1/studies/" + study + "/images/" + study + ".9/artifacts/0").then().statusCode(404);
        given().get("/api/v1/studies/" + study + "/images/not-a-uid/artifacts/0").then().statusCode(400);
        given().header("Authorization", ApiTokens.bearer("uploader", TestEvents.TENANT)).get(url).then().statusCode(403);
        given().header("Authorization", "Bearer nonsense").get(url).then().statusCode(401);
    }

    private static JsonPath awaitArtifacts(String study, int count) {
        return Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .until(() -> given().get("/api/v1/studies/" + study).then().statusCode(200)
                        .body("images[0].artifacts", hasSize(count)).extract().jsonPath(), r -> true);
    }

    private static void publish(String study, String sop, Artifact... artifacts) {
        KafkaTestIo.send(Topics.IMAGES_STAT, study, arrival(study, sop, Priority.STAT));
        Finding finding = completed(study, sop, "cxr", List.of("cxr"), score("pneumothorax", 0.91, Urgency.STAT));
        finding.setArtifacts(List.of(artifacts));
        KafkaTestIo.send(Topics.FINDINGS, study, finding);
    }

    private static Artifact artifact(String key) {
        return Artifact.newBuilder().setKind(ArtifactKind.HEATMAP).setLabel("pneumothorax")
                .setObject(ObjectRef.newBuilder().setBucket(RadStreamStackResource.stack().bucket()).setKey(key)
                        .setContentType("image/png").setSizeBytes(11).setSha256("00").build())
                .build();
    }

    private static String put(String key, byte[] bytes) throws Exception {
        try (MinioClient s3 = RadStreamStackResource.stack().s3().newClient()) {
            s3.putObject(PutObjectArgs.builder().bucket(RadStreamStackResource.stack().bucket()).object(key)
                    .stream(new ByteArrayInputStream(bytes), bytes.length, -1).contentType("image/png").build());
        }
        return key;
    }
}
