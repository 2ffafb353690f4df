package io.radstream.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker/ images, docker-compose.yml (via `docker-compose config`), the Prometheus rules (via
 * `promtool check rules`) and the Grafana dashboard's queries.
 */
class ComposeAndMonitoringTest {

    /** The metric families the services export: {@code monitoring/exported-metrics.txt}, also checked live by the e2e test. */
    static final Set<String> EXPORTED_METRICS = exportedMetrics();

    private static Set<String> exportedMetrics() {
        try {
            return java.nio.file.Files.readAllLines(Tools.root().resolve("monitoring/exported-metrics.txt")).stream()
                    .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .collect(java.util.stream.Collectors.toUnmodifiableSet());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Series suffixes Prometheus adds to timers, summaries and histograms. */
    static final List<String> SERIES_SUFFIXES = List.of("", "_sum", "_count", "_max", "_bucket");

    static final Pattern METRIC = Pattern.compile("\\b((?:radstream|jvm|http|process|kafka)_[a-zA-Z0-9_]+)\\b");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    static boolean exported(String series) {
        for (String family : EXPORTED_METRICS) {
            for (String suffix : SERIES_SUFFIXES) {
                if (series.equals(family + suffix)) {
                    return true;
                }
            }
        }
        return false;
    }

    static Set<String> metricNames(String promql) {
        // label values and matchers are quoted; drop them so {lane="STAT"} etc. never look like names
        String unquoted = promql.replaceAll("\"[^\"]*\"", "\"\"");
        Set<String> names = new TreeSet<>();
        Matcher m = METRIC.matcher(unquoted);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /**
     * A project directory for docker-compose: links to the repository's entries, with .env.example
     * standing in for the real (never committed) .env.
     */
    static Path composeProject() throws IOException {
        Path root = Tools.root();
        Path project = Files.createTempDirectory("radstream-compose");
        try (Stream<Path> entries = Files.list(root)) {
            for (Path entry : entries.collect(Collectors.toList())) {
                String name = entry.getFileName().toString();
                if (!name.equals(".env") && !name.equals(".git")) {
                    Files.createSymbolicLink(project.resolve(name), entry);
                }
            }
        }
        Files.copy(root.resolve(".env.example"), project.resolve(".env"));
        return project;
    }

    static void deleteComposeProject(Path project) throws IOException {
        try (Stream<Path> entries = Files.list(project)) {
            for (Path entry : entries.collect(Collectors.toList())) {
                Files.delete(entry); // the links only, never their targets
            }
        }
        Files.delete(project);
    }

    @Test
    void dockerComposeConfigAcceptsTheFile() throws Exception {
        String compose = Tools.require("docker-compose", "docker-compose");
        Path project = composeProject();
        try {
            for (String profile : List.of("cpu", "gpu")) {
                Tools.Result result = Tools.run(project, List.of(compose, "--profile", profile, "-f", "docker-compose.yml", "config", "-q"));
                assertThat(result.exitCode()).as("docker-compose --profile %s config -q:%n%s", profile, result.stderr()).isZero();
            }
            String services = Tools.runOk(project, List.of(compose, "--profile", "cpu", "--profile", "gpu", "-f", "docker-compose.yml", "config", "--services"));
            assertThat(services.lines().collect(Collectors.toSet())).contains("kafka", "kafka-topics", "minio", "minio-init",
                    "ingest-service", "inference-service", "inference-service-gpu", "results-service", "orthanc", "prometheus", "grafana");

            // invariants on the resolved file (anchors merged, env_file read)
            JsonNode resolved = YAML.readTree(Tools.runOk(project, List.of(compose, "--profile", "cpu", "--profile", "gpu",
                    "-f", "docker-compose.yml", "config")));
            checkResolvedCompose(resolved.get("services"));
        } finally {
            deleteComposeProject(project);
        }
    }

    private static void checkResolvedCompose(JsonNode services) {
        Iterator<Map.Entry<String, JsonNode>> it = services.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> service = it.next();
            KubernetesManifestsTest.assertPinned("compose service " + service.getKey(), service.getValue().get("image").asText());
        }
        JsonNode gpu = services.get("inference-service-gpu");
        assertThat(gpu.get("profiles").toString()).contains("gpu");
        JsonNode device = gpu.at("/deploy/resources/reservations/devices/0");
        assertThat(device.get("driver").asText()).isEqualTo("nvidia");
        assertThat(device.get("capabilities").toString()).contains("gpu");
        assertThat(gpu.at("/environment/RADSTREAM_INFERENCE_DEVICES").asText()).isEqualTo("cuda:0");
        assertThat(services.get("inference-service").get("profiles").toString()).contains("cpu");
        assertThat(services.get("inference-service").has("deploy")).isFalse();
        // secrets reach the services from env_file .env (here: the placeholders of .env.example)
        assertThat(services.at("/ingest-service/environment/RADSTREAM_INGEST_PSEUDONYM_KEY").asText()).startsWith("CHANGE_ME");
        for (String s : List.of("ingest-service", "inference-service", "inference-service-gpu", "results-service")) {
            assertThat(services.at("/" + s + "/environment/RADSTREAM_S3_SECRET_KEY").asText()).as(s).startsWith("CHANGE_ME");
            assertThat(services.at("/" + s + "/environment/KAFKA_BOOTSTRAP_SERVERS").asText()).as(s).isEqualTo("kafka:9092");
        }
        assertThat(services.at("/results-service/environment/KAFKA_STREAMS_STATE_DIR").asText()).isEqualTo("/deployments/state");
        // ingest and results verify the identity provider's tokens; Orthanc forwards with its own uploader token
        for (String s : List.of("ingest-service", "results-service")) {
            assertThat(services.at("/" + s + "/environment/MP_JWT_VERIFY_PUBLICKEY_LOCATION").asText()).as(s).isNotBlank();
            assertThat(services.at("/" + s + "/environment/MP_JWT_VERIFY_ISSUER").asText()).as(s).startsWith("CHANGE_ME");
        }
        assertThat(services.at("/orthanc/environment/RADSTREAM_ORTHANC_TOKEN").asText()).startsWith("CHANGE_ME");
    }

    @Test
    void composeFileInvariants() throws Exception {
        Path root = Tools.root();
        // secrets only as placeholders, and the real .env is ignored by git
        List<String> env = Files.readAllLines(root.resolve(".env.example"));
        for (String line : env) {
            if (line.matches("^[A-Z_]*(KEY|PASSWORD|TOKEN)=.*")) {
                assertThat(line).as(".env.example holds placeholders only").contains("CHANGE_ME");
            }
        }
        assertThat(env).anySatisfy(l -> assertThat(l).startsWith("RADSTREAM_INGEST_PSEUDONYM_KEY="));
        assertThat(Files.readAllLines(root.resolve(".gitignore"))).contains(".env");
        // Orthanc forwards to ingest's STOW-RS endpoint
        JsonNode orthanc = JSON.readTree(root.resolve("docker/orthanc/orthanc.json").toFile());
        assertThat(orthanc.at("/DicomWeb/Servers/radstream/Url").asText()).isEqualTo("http://ingest-service:8081/dicomweb/");
    }

    @Test
    void composeCreatesEveryRegistryTopicWithItsPartitionsAndConfigs() throws Exception {
        String compose = Files.readString(Tools.root().resolve("docker-compose.yml"));
        Map<String, String> lines = new java.util.TreeMap<>();
        Matcher m = Pattern.compile("(?m)^\\s*t --topic (\\S+)(.*)$").matcher(compose);
        while (m.find()) {
            lines.put(m.group(1), m.group(2));
        }
        List<io.radstream.schemas.Topic<?>> registry = io.radstream.schemas.Topics.all();
        assertThat(lines.keySet()).isEqualTo(registry.stream().map(io.radstream.schemas.Topic::name)
                .collect(Collectors.toCollection(TreeSet::new)));
        for (io.radstream.schemas.Topic<?> topic : registry) {
            String line = lines.get(topic.name());
            assertThat(line).as(topic.name()).contains("--partitions " + topic.partitions());
            topic.configs().forEach((key, value) -> {
                if (!(key.equals("cleanup.policy") && value.equals("delete"))) { // delete is Kafka's default
                    assertThat(line).as(topic.name()).contains("--config " + key + "=" + value);
                }
            });
        }
    }

    @Test
    void dockerfilesArePinnedNonRootAndHealthChecked() throws IOException {
        Path docker = Tools.root().resolve("docker");
        List<Path> dockerfiles;
        try (Stream<Path> files = Files.list(docker)) {
            dockerfiles = files.filter(p -> p.getFileName().toString().endsWith(".Dockerfile")).sorted().collect(Collectors.toList());
        }
        assertThat(dockerfiles).extracting(p -> p.getFileName().toString()).containsExactly(
                "inference-service.Dockerfile", "inference-service.gpu.Dockerfile",
                "ingest-service.Dockerfile", "results-service.Dockerfile");
        for (Path dockerfile : dockerfiles) {
            List<String> lines = Files.readAllLines(dockerfile);
            List<String> froms = lines.stream().filter(l -> l.startsWith("FROM ")).collect(Collectors.toList());
            assertThat(froms).as(dockerfile.toString()).isNotEmpty();
            for (String from : froms) {
                String image = from.split("\\s+")[1];
                KubernetesManifestsTest.assertPinned(dockerfile.getFileName().toString(), image);
            }
            assertThat(lines).as("non-root USER in " + dockerfile).anySatisfy(l -> assertThat(l).matches("USER [1-9][0-9]*.*"));
            assertThat(lines).as("HEALTHCHECK in " + dockerfile).anySatisfy(l -> assertThat(l).startsWith("HEALTHCHECK "));
            assertThat(String.join("\n", lines)).as(dockerfile.toString())
                    .contains("target/quarkus-app/lib/").contains("quarkus-run.jar").contains("/q/health/live");
        }
        String gpu = Files.readString(docker.resolve("inference-service.gpu.Dockerfile"));
        assertThat(gpu).contains("FROM nvidia/cuda:").contains("-Pgpu").contains("cuda:0");
    }

    @Test
    void promtoolAcceptsTheAlertRules() throws Exception {
        String promtool = Tools.require("promtool", "prometheus");
        Tools.Result result = Tools.run(Tools.root(), List.of(promtool, "check", "rules", "monitoring/prometheus-rules.yml"));
        assertThat(result.exitCode()).as("promtool check rules:%n%s%n%s", result.stdout(), result.stderr()).isZero();
        assertThat(result.stdout() + result.stderr()).contains("SUCCESS");
    }

    @Test
    void promtoolAcceptsTheComposePrometheusConfig() throws Exception {
        String promtool = Tools.require("promtool", "prometheus");
        Tools.Result result = Tools.run(Tools.root(), List.of(promtool, "check", "config", "docker/prometheus/prometheus.yml"));
        assertThat(result.exitCode()).as("promtool check config:%n%s%n%s", result.stdout(), result.stderr()).isZero();
        String config = Files.readString(Tools.root().resolve("docker/prometheus/prometheus.yml"));
        assertThat(config).contains("metrics_path: /q/metrics").contains("/etc/prometheus/rules/");
    }

    @Test
    void alertRulesUseOnlyExportedMetricsAndHaveRunbooks() throws Exception {
        Path root = Tools.root();
        JsonNode groups = YAML.readTree(root.resolve("monitoring/prometheus-rules.yml").toFile()).get("groups");
        String operations = Files.readString(root.resolve("docs/operations.md"));
        Set<String> alerts = new TreeSet<>();
        for (JsonNode group : groups) {
            for (JsonNode rule : group.get("rules")) {
                String alert = rule.get("alert").asText();
                alerts.add(alert);
                for (String name : metricNames(rule.get("expr").asText())) {
                    assertThat(exported(name)).as("alert %s uses metric %s, which no service exports", alert, name).isTrue();
                }
                String runbook = rule.at("/annotations/runbook").asText();
                assertThat(runbook).isEqualTo("docs/operations.md#" + alert.toLowerCase());
                assertThat(operations).as("runbook section for " + alert).contains("### " + alert);
            }
        }
        assertThat(alerts).contains("RadStreamStatBacklog", "RadStreamStatFindingLatencySLOBreach", "RadStreamStatAlertLatencySLOBreach",
                "RadStreamDeadLettersGrowing", "RadStreamNoInferenceProgress", "RadStreamUrgentAlertsUnacknowledged");
    }

    @Test
    void dashboardQueriesOnlyExportedMetrics() throws Exception {
        JsonNode dashboard = JSON.readTree(Tools.root().resolve("monitoring/grafana/radstream-dashboard.json").toFile());
        assertThat(dashboard.get("uid").asText()).isNotBlank();
        List<String> expressions = new ArrayList<>();
        collectExpressions(dashboard, expressions);
        assertThat(expressions).hasSizeGreaterThan(15);
        Set<String> used = new TreeSet<>();
        for (String expr : expressions) {
            Set<String> names = metricNames(expr);
            assertThat(names).as("metric in: " + expr).isNotEmpty();
            used.addAll(names);
            for (String name : names) {
                assertThat(exported(name)).as("dashboard query uses %s, which no service exports: %s", name, expr).isTrue();
            }
        }
        // what the issue asks the dashboard to show
        assertThat(used).contains("radstream_inference_images_total", "radstream_inference_batch_size_sum",
                "radstream_results_upload_to_alert_seconds_bucket", "radstream_results_alerts_raised_total",
                "radstream_inference_dead_letters_total", "radstream_ingest_store_seconds_bucket",
                "radstream_inference_run_seconds_bucket", "radstream_inference_upload_to_finding_seconds_bucket",
                "radstream_inference_queue_wait_seconds_bucket", "radstream_results_time_to_ack_seconds_bucket",
                "radstream_results_alerts_unacknowledged");
    }

    private static void collectExpressions(JsonNode node, List<String> out) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getKey().equals("expr") && field.getValue().isTextual()) {
                    out.add(field.getValue().asText());
                } else {
                    collectExpressions(field.getValue(), out);
                }
            }
        } else if (node.isArray()) {
            node.forEach(child -> collectExpressions(child, out));
        }
    }
}
