package io.radstream.ingest.phi;

import static io.radstream.ingest.StowBodies.STOW_TYPE;
import static io.radstream.ingest.StowBodies.multipart;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.radstream.dicom.DicomWriter;
import io.radstream.ingest.WithLanes;
import io.radstream.localstack.BusScan;
import io.radstream.localstack.RadStreamStackResource;
import io.radstream.schemas.DicomUid;

/**
 * Uploads DICOM objects and images carrying known patient identifiers (name, ID, birth date, accession
 * number, the upload's patient reference) through every path — stored, duplicate, conflict, refused —
 * then reads every record of every topic and the service's whole log (debug level, HTTP access log on)
 * and finds none of them.
 */
@QuarkusTest
@TestProfile(PhiScanIT.CapturedLog.class)
@QuarkusTestResource(RadStreamStackResource.class)
class PhiScanIT extends WithLanes {

    static final Path LOG = Path.of("target/phi-scan/ingest.log").toAbsolutePath();
    static final String NAME = "PHIDOE^JANE^Q";
    static final String PATIENT_ID = "MRN-PHI-77123";
    static final String BIRTH_DATE = "19450317";
    static final String ACCESSION = "ACC-PHI-99881";
    static final String PATIENT_REF = "REF-PHI-4242";
    static final List<String> PHI = List.of(NAME, "PHIDOE", PATIENT_ID, BIRTH_DATE, ACCESSION, PATIENT_REF);

    /** The service logs to a file at debug level for io.radstream, with the HTTP access log. */
    public static class CapturedLog implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.log.file.enabled", "true", "quarkus.log.file.path", LOG.toString(),
                    "quarkus.log.category.\"io.radstream\".level", "DEBUG",
                    "quarkus.http.access-log.enabled", "true");
        }
    }

    @Test
    void shouldKeepPatientIdentifiersOffTheBusAndOutOfTheLogs() throws Exception {
        String study = DicomUid.random();
        String sop = DicomUid.random();
        String series = DicomUid.random();
        byte[] withPhi = withPhi(DicomWriter.grayscale16(study, series, sop, 8, 8, new short[64])).toByteArray();
        byte[] sameUidOtherBytes = withPhi(DicomWriter.grayscale16(study, series, sop, 8, 8, ramp(64)))
                .toByteArray();
        byte[] truncated = Arrays.copyOf(withPhi(DicomWriter.grayscale16(study, DicomUid.random(), DicomUid.random(),
                64, 64, ramp(4096))).toByteArray(), 2000);
        byte[] noStudyUid = withPhi(DicomWriter.grayscale16(DicomUid.random(), DicomUid.random(), DicomUid.random(), 4, 4,
                new short[16])).string(0x0020000D, "UI", "").toByteArray();

        given().contentType(STOW_TYPE).body(multipart(withPhi, truncated)).post("/dicomweb/studies").then().statusCode(202);
        given().contentType(STOW_TYPE).body(multipart(withPhi)).post("/dicomweb/studies").then().statusCode(200);
        given().contentType(STOW_TYPE).body(multipart(sameUidOtherBytes, noStudyUid)).post("/dicomweb/studies")
                .then().statusCode(409);
        String uploaded = upload(withPhi(DicomWriter.grayscale16(DicomUid.random(), DicomUid.random(), DicomUid.random(),
                4, 4, new short[16])).toByteArray(), "{\"patientRef\":\"" + PATIENT_REF + "\"}");
        upload(truncated, "{\"patientRef\":\"" + PATIENT_REF + "\"}");
        upload(new byte[] {1, 2, 3}, "{\"modality\":\"CR\",\"patientRef\":\"" + PATIENT_REF + "\"}");
        upload(new byte[] {1, 2, 3}, "{\"modality\":\"CR\",\"patientRef\":\"" + PATIENT_REF + "\",\"x\":\"" + NAME + "\"}");

        lanes.await(e -> e.getSopInstanceUid().equals(sop));
        lanes.await(e -> e.getStudyInstanceUid().equals(uploaded));
        List<String> records = BusScan.allRecords(RadStreamStackResource.stack().kafka().bootstrapServers());
        String log = Files.readString(LOG);

        assertThat(records).as("the scan sees this test's events").anyMatch(r -> r.contains(sop));
        assertThat(log).as("the log captures this test's requests at debug level").contains(sop).contains("/dicomweb/studies");
        for (String identifier : PHI) {
            assertThat(records).as("bus records containing %s", identifier).noneMatch(r -> r.contains(identifier));
            assertThat(log).as("ingest log").doesNotContain(identifier);
        }
    }

    private static String upload(byte[] file, String metadata) {
        return given().multiPart("file", "x.dcm", file, "application/dicom").multiPart("metadata", metadata, "application/json")
                .post("/api/v1/uploads").then().extract().path("studyInstanceUid");
    }

    private static DicomWriter withPhi(DicomWriter writer) {
        return writer.string(0x00100010, "PN", NAME).string(0x00100020, "LO", PATIENT_ID)
                .string(0x00100030, "DA", BIRTH_DATE).string(0x00080050, "SH", ACCESSION);
    }

    private static short[] ramp(int n) {
        short[] pixels = new short[n];
        for (int i = 0; i < n; i++) {
            pixels[i] = (short) i;
        }
        return pixels;
    }
}
