package io.radstream.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Talks to a running RadStream over HTTP only: uploads studies, reads reports and alerts. */
public final class DemoClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI ingest;
    private final URI results;
    private final String uploadToken;
    private final String readToken;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * A client that sends {@code uploadToken} (an uploader's) as the bearer token of its ingest requests
     * and {@code readToken} (a reader's of the same tenant) with its results requests; none when null.
     */
    public DemoClient(URI ingest, URI results, String uploadToken, String readToken) {
        this.ingest = ingest;
        this.results = results;
        this.uploadToken = uploadToken;
        this.readToken = readToken;
    }

    /** Uploads a study and returns its StudyInstanceUID. */
    public String upload(SampleStudy study) throws IOException, InterruptedException {
        return study.isDicom() ? stow(study) : uploadImages(study);
    }

    private String stow(SampleStudy study) throws IOException, InterruptedException {
        String boundary = "radstream-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Path file : study.files()) {
            body.writeBytes(("--" + boundary + "\r\nContent-Type: application/dicom\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            body.writeBytes(Files.readAllBytes(file));
            body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        HttpRequest request = request(ingest.resolve("/dicomweb/studies?priority=" + study.priority()), uploadToken)
                .header("Content-Type", "multipart/related; type=\"application/dicom\"; boundary=" + boundary)
                .header("Accept", "application/dicom+json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        JsonNode answer = send(request, 200);
        String url = answer.path("00081190").path("Value").path(0).asText();
        return url.substring(url.lastIndexOf('/') + 1);
    }

    private String uploadImages(SampleStudy study) throws IOException, InterruptedException {
        String studyUid = study.studyUid();
        for (Path file : study.files()) {
            ObjectNode metadata = JSON.createObjectNode().put("modality", study.modality())
                    .put("bodyPart", study.bodyPart()).put("priority", study.priority())
                    .put("patientRef", study.patientRef());
            if (studyUid != null) {
                metadata.put("studyInstanceUid", studyUid);
            }
            MultipartForm form = new MultipartForm().file("file", file).json("metadata", metadata.toString());
            HttpRequest request = request(ingest.resolve("/api/v1/uploads"), uploadToken)
                    .header("Content-Type", form.contentType()).POST(form.publisher()).build();
            studyUid = send(request, 202, 201, 200).path("studyInstanceUid").asText();
        }
        return studyUid;
    }

    /** The report, or null while the results service does not know the study yet. */
    public JsonNode report(String studyUid) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request(results.resolve("/api/v1/studies/" + studyUid), readToken)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
    }

    /** The FHIR DiagnosticReport of a study, as JSON text. */
    public String fhirReport(String studyUid) throws IOException, InterruptedException {
        return send(request(results.resolve("/fhir/DiagnosticReport/" + studyUid), readToken).GET().build(), 200)
                .toString();
    }

    public List<JsonNode> alerts(String studyUid) throws IOException, InterruptedException {
        JsonNode body = send(request(results.resolve("/api/v1/studies/" + studyUid + "/alerts"), readToken).GET()
                .build(), 200);
        List<JsonNode> alerts = new ArrayList<>();
        body.forEach(alerts::add);
        return alerts;
    }

    /** True once every arrived image has every routed model's finding. */
    public static boolean complete(JsonNode report, int expectedImages) {
        if (report == null || report.path("images").size() < expectedImages) {
            return false;
        }
        for (JsonNode image : report.path("images")) {
            if (image.path("routedModels").isNull() || image.path("routedModels").isMissingNode()
                    || image.path("completedModels").size() < image.path("routedModels").size()) {
                return false;
            }
        }
        return true;
    }

    private static HttpRequest.Builder request(URI uri, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri);
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    private JsonNode send(HttpRequest request, int... expected) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        for (int status : expected) {
            if (response.statusCode() == status) {
                return JSON.readTree(response.body());
            }
        }
        throw new IOException(request.method() + " " + request.uri() + " answered " + response.statusCode() + ": "
                + response.body());
    }
}
