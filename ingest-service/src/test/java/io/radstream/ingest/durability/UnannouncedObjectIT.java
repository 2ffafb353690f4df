package io.radstream.ingest.durability;

import static io.radstream.ingest.StowBodies.STOW_TYPE;
import static io.radstream.ingest.StowBodies.multipart;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.StatObjectArgs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.radstream.dicom.DicomWriter;
import io.radstream.ingest.WithLanes;
import io.radstream.ingest.core.ImageIngestor;
import io.radstream.localstack.RadStreamStackResource;
import io.radstream.schemas.DicomUid;
import io.radstream.storage.Sha256;
import io.radstream.storage.StoredObject;

/**
 * An object left stored without its arrival event (its upload's Kafka publish and clean-up delete
 * both failed, the client was told to retry) is announced by the identical re-send, exactly once.
 */
@QuarkusTest
@QuarkusTestResource(RadStreamStackResource.class)
class UnannouncedObjectIT extends WithLanes {

    @Test
    void shouldAnnounceAnObjectStoredWithoutItsEventWhenTheClientResendsIt() throws Exception {
        String study = DicomUid.random();
        String series = DicomUid.random();
        String sop = DicomUid.random();
        byte[] instance = DicomWriter.grayscale16(study, series, sop, 8, 8, new short[64]).toByteArray();
        String key = TENANT + "/" + study + "/" + series + "/" + sop + ".dcm";
        try (MinioClient s3 = RadStreamStackResource.stack().s3().newClient()) {
            // the state a failed first attempt leaves behind: the object with its checksum, no marker, no event
            s3.putObject(PutObjectArgs.builder().bucket(RadStreamStackResource.stack().bucket()).object(key)
                    .stream(new ByteArrayInputStream(instance), instance.length, -1).contentType("application/dicom")
                    .userMetadata(Map.of(StoredObject.SHA256, Sha256.hex(instance))).build());

            given().contentType(STOW_TYPE).body(multipart(instance)).post("/dicomweb/studies").then().statusCode(200);

            assertThat(lanes.await(e -> e.getSopInstanceUid().equals(sop)).value().getObject().getKey()).isEqualTo(key);
            s3.statObject(StatObjectArgs.builder().bucket(RadStreamStackResource.stack().bucket())
                    .object(ImageIngestor.ANNOUNCED_PREFIX + key).build()); // throws if the marker is missing
        }

        // announced now: a further identical re-send publishes nothing new
        given().contentType(STOW_TYPE).body(multipart(instance)).post("/dicomweb/studies").then().statusCode(200);
        String marker = DicomUid.random();
        given().contentType(STOW_TYPE).body(multipart(DicomWriter.grayscale16(study, series, marker, 4, 4, new short[16])
                .toByteArray())).post("/dicomweb/studies").then().statusCode(200);
        lanes.await(e -> e.getSopInstanceUid().equals(marker)); // published after the re-send was handled
        assertThat(lanes.matching(e -> e.getSopInstanceUid().equals(sop))).hasSize(1);
    }
}
