package io.radstream.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.radstream.demo.DemoClient;
import io.radstream.demo.DemoRun;
import io.radstream.demo.DevTokens;
import io.radstream.demo.SampleStudy;
import io.radstream.demo.ServiceProcess;
import io.radstream.localstack.BusScan;
import io.radstream.localstack.LocalStack;
import io.radstream.localstack.SampleFiles;

/**
 * The three packaged services as separate processes against a real broker and a real S3 server:
 * bundled studies uploaded over HTTP, reports and alerts read back over HTTP.
 */
class EndToEndIT {

    @TempDir
    static Path tmp;

    static LocalStack stack;
    static ServiceProcess ingest;
    static ServiceProcess inference;
    static ServiceProcess results;
    static String token;
    static String readToken;

    @BeforeAll
    static void startPlatform() throws Exception {
        stack = LocalStack.startForTests(tmp.resolve("stack"));
        Path root = SampleFiles.repositoryRoot();
        Path logs = Files.createDirectories(root.resolve("e2e-tests/target/e2e-logs"));
        Map<String, String> config = new HashMap<>(stack.serviceConfig());
        config.put("radstream.ingest.pseudonym-key", "e2e-test-pseudonym-key-0123456789");
        // packaged services run in production mode: the development token key must be allowed explicitly
        config.putAll(DevTokens.serviceConfig(root));
        token = DevTokens.mint(DevTokens.keyOf(root), "e2e-tester", "uploader", "e2e", Duration.ofHours(1));
        readToken = DevTokens.mint(DevTokens.keyOf(root), "e2e-radiologist", "reader", "e2e", Duration.ofHours(1));
        config.put("radstream.inference.models-dir", root.resolve("models").toString());
        config.put("radstream.results.final-quiet-period", "2s");
        config.put("kafka-streams.state.dir", tmp.resolve("streams").toString());
        ingest = launch(root, "ingest-service", config, logs);
        inference = launch(root, "inference-service", config, logs);
        results = launch(root, "results-service", config, logs);
        for (ServiceProcess service : List.of(ingest, inference, results)) {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .failFast(() -> assertThat(service.alive())
                            .as("%s exited during start-up%n%s", service.module(), service.logTail()).isTrue())
                    .untilAsserted(() -> assertThat(service.get("/q/health/ready"))
                            .as("%s readiness%n%s", service.module(), service.logTail()).isEqualTo(200));
        }
    }

    private static ServiceProcess launch(Path root, String module, Map<String, String> config, Path logs)
            throws java.io.IOException {
        return ServiceProcess.launch(root, module, config, logs.resolve(module + ".log"), "-Xmx512m");
    }

    @AfterAll
    static void stopPlatform() throws Exception {
        for (ServiceProcess service : new ServiceProcess[] {results, inference, ingest}) {
            if (service != null) {
                service.close();
            }
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void shouldTurnUploadedStudiesIntoFinalReportsAndUrgentAlerts() throws Exception {
        List<SampleStudy> studies = SampleStudy.readManifest(SampleFiles.repositoryRoot().resolve("samples"));
        ByteArrayOutputStream console = new ByteArrayOutputStream();

        DemoRun.Summary summary = new DemoRun(client(), new PrintStream(console))
                .run(studies, Duration.ofSeconds(150));

        assertThat(summary.ok()).as("demo run:%n%s%ninference log:%n%s", console, inference.logTail()).isTrue();
        assertThat(summary.studies()).isEqualTo(studies.size());
        assertThat(summary.reports()).isEqualTo(studies.size());
        assertThat(summary.findings()).isGreaterThanOrEqualTo(summary.images());
        assertThat(summary.alerts()).isGreaterThanOrEqualTo((int) studies.stream().filter(SampleStudy::expectUrgent).count())
                .isPositive();
        assertNoPatientIdentifierOnTheBusOrInLogs(studies);
        assertEveryMetricTheDashboardsUseIsExported();
    }

    /** The metric families in monitoring/exported-metrics.txt (what dashboards and rules may use) exist live. */
    private static void assertEveryMetricTheDashboardsUseIsExported() throws Exception {
        StringBuilder scraped = new StringBuilder();
        for (ServiceProcess service : List.of(ingest, inference, results)) {
            scraped.append(service.body("/q/metrics"));
        }
        List<String> families = Files.readAllLines(SampleFiles.repositoryRoot().resolve("monitoring/exported-metrics.txt"))
                .stream().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        for (String family : families) {
            assertThat(java.util.regex.Pattern.compile("(?m)^" + family + "(_sum|_count|_max|_bucket)?[{ ]")
                    .matcher(scraped).find()).as("metric family %s on a live /q/metrics", family).isTrue();
        }
    }

    /** Names, IDs and accession numbers in the sample files and upload metadata never leave ingest in clear. */
    private static void assertNoPatientIdentifierOnTheBusOrInLogs(List<SampleStudy> studies) throws Exception {
        List<String> identifiers = new java.util.ArrayList<>(List.of("PHANTOM^ICH", "PHANTOM^LESION", "PHANTOM0001"));
        studies.forEach(s -> identifiers.add(s.patientRef()));
        List<String> records = BusScan.allRecords(stack.kafka().bootstrapServers());
        assertThat(records).as("records on the bus").isNotEmpty();
        for (String identifier : identifiers) {
            assertThat(records).as("bus records containing %s", identifier).noneMatch(r -> r.contains(identifier));
            for (ServiceProcess service : List.of(ingest, inference, results)) {
                assertThat(Files.readString(service.log())).as("%s log", service.module()).doesNotContain(identifier);
            }
        }
    }

    @Test
    void shouldUploadFilesAndFoldersGroupingDicomPerStudy() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("upload"));
        Files.copy(SampleFiles.dicomSample("CT_small.dcm"), folder.resolve("ct.dcm"));
        Files.copy(SampleFiles.demoSample("cxr-normal.png"), folder.resolve("cxr.png"));
        ByteArrayOutputStream console = new ByteArrayOutputStream();

        List<io.radstream.demo.UploadCommand.Sent> sent = new io.radstream.demo.UploadCommand(
                client(), new PrintStream(console))
                .upload(List.of(folder, SampleFiles.dicomSample("MR_small.dcm")), Map.of("priority", "URGENT"));

        assertThat(sent).as(console.toString()).hasSize(3).allSatisfy(s -> assertThat(s.error()).isNull());
        assertThat(sent).extracting(io.radstream.demo.UploadCommand.Sent::studyUid)
                .contains("1.3.6.1.4.1.5962.1.2.1.20040119072730.12322", "1.3.6.1.4.1.5962.1.2.4.20040826185059.5457");
        assertThat(console.toString()).contains("3/3 studies");
    }

    /**
     * The operations page in headless Chromium, signed in with a reader's token in the URL fragment: it
     * loads, shows an uploaded study and, once selected, its pneumothorax heatmap overlay (decoded by the
     * browser), and an ack click clears its alert, recorded for the token's principal.
     */
    @Test
    void shouldShowAnUploadedStudyOnTheOperationsPageAndClearItsAlertOnAcknowledge() throws Exception {
        SampleStudy pneumothorax = SampleStudy.readManifest(SampleFiles.repositoryRoot().resolve("samples")).stream()
                .filter(s -> s.name().equals("cxr-pneumothorax")).findFirst().orElseThrow();
        SampleStudy fresh = new SampleStudy("ops-page", "STAT", pneumothorax.modality(), pneumothorax.bodyPart(),
                "PHANTOM-OPS-001", null, pneumothorax.files(), true); // no UID: the upload API generates a new study

        try (OperationsPage page = new OperationsPage(results.uri(), readToken)) {
            assertThat(page.title()).isEqualTo("RadStream operations");
            await().atMost(Duration.ofSeconds(60)).until(() -> page.connection().equals("live"));

            String study = client().upload(fresh);

            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> page.worklistRow(study), row -> row != null && row.contains("pneumothorax"));
            assertThat(page.worklistRow(study)).startsWith("urgency-STAT");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> page.openAlerts(study) > 0);

            page.select(study);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(page::heatmaps, shown -> shown.stream().anyMatch(h -> h.contains("pneumothorax")
                            && !h.endsWith("|0x0")));

            assertThat(page.signedInAs()).isEqualTo("e2e-radiologist");
            page.acknowledge(study);

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> page.openAlerts(study) == 0);
            assertThat(client().alerts(study)).isNotEmpty()
                    .allSatisfy(a -> assertThat(a.path("acknowledgedBy").asText()).isEqualTo("e2e-radiologist"));
        }
    }

    /**
     * A generated CT series of single-frame slices (positions, no Spacing Between Slices) through
     * ingest, inference (lesion-seg) and results: the report and the FHIR DiagnosticReport carry the
     * series' lesion volume. Tolerance: lesion-seg has Dice 0.90 on CT phantoms; on this phantom's
     * 65,450 mm3 sphere it measured about 0.96 of the true volume when this test was written, so
     * +/- 15 % is the bound (sampling the sphere every 5 mm alone is +0.5 %).
     */
    @Test
    void shouldMeasureTheLesionVolumeOfASeriesOfSingleFrameCtSlices() throws Exception {
        LesionSeriesPhantom phantom = new LesionSeriesPhantom(25, 5, 12);
        String studyUid = io.radstream.dicom.DicomWriter.newUid();
        String seriesUid = io.radstream.dicom.DicomWriter.newUid();
        Path dir = Files.createDirectories(tmp.resolve("lesion-series"));
        List<Path> files = new java.util.ArrayList<>();
        for (byte[] slice : phantom.series(studyUid, seriesUid, 7)) {
            files.add(Files.write(dir.resolve("slice-" + files.size() + ".dcm"), slice));
        }
        DemoClient client = client();

        assertThat(client.upload(new SampleStudy("lesion-series", "ROUTINE", "CT", "ABDOMEN", "PHANTOM-SERIES",
                studyUid, files, false))).isEqualTo(studyUid);

        com.fasterxml.jackson.databind.JsonNode volume = await().atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> seriesVolume(client.report(studyUid), files.size()), java.util.Objects::nonNull);
        assertThat(volume.path("unit").asText()).isEqualTo("mm3");
        assertThat(volume.path("seriesInstanceUid").asText()).isEqualTo(seriesUid);
        assertThat(volume.path("value").asDouble()).as("inference log:%n%s", inference.logTail())
                .isCloseTo(phantom.trueVolumeMm3(), org.assertj.core.data.Percentage.withPercentage(15));
        assertThat(client.fhirReport(studyUid)).contains("series_lesion_volume", seriesUid);
    }

    /** The series_lesion_volume measurement once every image has all its findings, else null. */
    private static com.fasterxml.jackson.databind.JsonNode seriesVolume(com.fasterxml.jackson.databind.JsonNode report,
                                                                        int images) {
        if (!DemoClient.complete(report, images)) {
            return null;
        }
        for (com.fasterxml.jackson.databind.JsonNode m : report.path("measurements")) {
            if (m.path("name").asText().equals("series_lesion_volume")) {
                return m;
            }
        }
        return null;
    }

    /** Uploads as the uploader, reads results as the reader, both of tenant e2e. */
    private static DemoClient client() {
        return new DemoClient(ingest.uri(), results.uri(), token, readToken);
    }

    @Test
    void shouldRefuseResultsWithoutAReaderTokenOfTheStudysTenant() throws Exception {
        assertThat(results.get("/api/v1/worklist")).isEqualTo(401);
        String study = client().upload(new SampleStudy("e2e-tenant", "ROUTINE", "DX", "CHEST", "PHANTOM-TENANT", null,
                List.of(SampleFiles.demoSample("cxr-normal.png")), false));
        await().atMost(Duration.ofSeconds(60)).until(() -> client().report(study) != null);
        String otherTenant = DevTokens.mint(DevTokens.keyOf(SampleFiles.repositoryRoot()), "someone", "reader", "elsewhere",
                Duration.ofMinutes(5));
        assertThat(new DemoClient(ingest.uri(), results.uri(), null, otherTenant).report(study)).isNull();
        assertThat(new DemoClient(ingest.uri(), results.uri(), null, token).report(study)).as("an uploader's token").isNull();
    }

    @Test
    void shouldServeHealthAndPrometheusMetricsOnEveryService() {
        for (ServiceProcess service : List.of(ingest, inference, results)) {
            assertThat(service.get("/q/health")).as(service.module()).isEqualTo(200);
            assertThat(service.get("/q/metrics")).as(service.module()).isEqualTo(200);
        }
    }
}
