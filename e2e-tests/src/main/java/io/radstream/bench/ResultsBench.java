package io.radstream.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.radstream.demo.ServiceProcess;
import io.radstream.localstack.LocalStack;

/**
 * {@code ./radstream bench results}: how many findings per second the packaged results-service
 * (Kafka Streams, exactly-once v2, RocksDB stores) folds into study reports on a real broker, and
 * how long after a study's last finding its updated report is on {@code radstream.study-reports}.
 * Prints a table and writes {@code results.json}. Not a test: it measures this machine, it asserts nothing.
 *
 * <p>Options: {@code --studies N} (backlog, default 4000), {@code --images N} per study (2),
 * {@code --models N} findings per image (2), {@code --latency-studies N} (200), {@code --out FILE},
 * {@code --root DIR}, {@code --results-config k=v,...} (extra results-service settings, recorded in the JSON).
 */
public final class ResultsBench {

    private final Map<String, String> options;
    private final Path root;

    private ResultsBench(Map<String, String> options) {
        this.options = options;
        this.root = Path.of(options.getOrDefault("root", ".")).toAbsolutePath().normalize();
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        ResultsBench bench = new ResultsBench(options);
        Map<String, Object> result = bench.run();
        Path out = bench.out();
        Files.createDirectories(out.getParent());
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(out.toFile(), result);
        System.out.println(render(result));
        System.out.println("written " + out);
        System.exit(0);
    }

    private Map<String, Object> run() throws Exception {
        int studies = number("studies", 4000);
        int images = number("images", 2);
        int models = number("models", 2);
        int latencyStudies = number("latency-studies", 200);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("machine", BenchTable.machine("cpu"));
        result.put("parameters", Map.of("studies", studies, "images_per_study", images, "findings_per_image", models,
                "latency_studies", latencyStudies, "results_config", options.getOrDefault("results-config", "")));
        Path work = Files.createTempDirectory("radstream-bench-results");
        ResultsTraffic traffic = new ResultsTraffic(models);
        try (LocalStack stack = LocalStack.startForTests(work.resolve("stack"));
             ReportWatcher reports = new ReportWatcher(stack.kafka().bootstrapServers());
             TrafficSender sender = new TrafficSender(stack.kafka().bootstrapServers())) {
            List<ResultsTraffic.Study> backlog = new ArrayList<>();
            for (int s = 0; s < studies; s++) {
                backlog.add(traffic.study(images, s % 10 == 0));
            }
            log("sending a backlog of %d studies (%d findings) before results-service starts", studies,
                    studies * images * models);
            backlog.forEach(sender::send);
            sender.flush();
            try (ServiceProcess service = ServiceProcess.start(root, "results-service", config(stack, work), out()
                    .resolveSibling("results-service-bench.log"))) {
                long ready = System.nanoTime();
                log("results-service ready; folding the backlog");
                long done = reports.awaitAllComplete(backlog, Duration.ofMinutes(20));
                double seconds = (done - ready) / 1e9;
                long findings = (long) studies * images * models;
                result.put("backlog_findings", findings);
                result.put("backlog_seconds", round(seconds));
                result.put("findings_per_s", round(findings / seconds));
                result.put("events_per_s", round((findings + (long) studies * images) / seconds));
                double folding = (done - reports.firstReportAt()) / 1e9; // without start-up and the first rebalance
                result.put("findings_per_s_after_first_report", round(findings / folding));
                log("latency: %d studies one at a time", latencyStudies);
                List<Double> latencies = new ArrayList<>();
                for (int s = 0; s < latencyStudies; s++) {
                    ResultsTraffic.Study study = traffic.study(images, s % 10 == 0);
                    long sent = sender.sendAndAwaitAck(study);
                    long seen = reports.awaitAllComplete(List.of(study), Duration.ofSeconds(30));
                    latencies.add((seen - sent) / 1e6);
                }
                latencies.sort(Double::compare);
                result.put("report_update_p50_ms", round(percentile(latencies, 0.50)));
                result.put("report_update_p99_ms", round(percentile(latencies, 0.99)));
                result.put("report_update_max_ms", round(latencies.get(latencies.size() - 1)));
            }
        }
        result.put("load_average_at_end", BenchTable.loadAverage());
        return result;
    }

    private Map<String, String> config(LocalStack stack, Path work) {
        Map<String, String> config = new LinkedHashMap<>(stack.serviceConfig());
        config.put("kafka-streams.state.dir", work.resolve("streams").toString());
        config.putAll(io.radstream.demo.DevTokens.serviceConfig(root)); // the packaged service verifies tokens
        config.putAll(BenchTable.settings(options.getOrDefault("results-config", "")));
        return config;
    }

    private Path out() {
        return Path.of(options.getOrDefault("out", root.resolve("target/bench/results.json").toString()));
    }

    private int number(String name, int fallback) {
        return Integer.parseInt(options.getOrDefault(name, String.valueOf(fallback)));
    }

    static double percentile(List<Double> sorted, double q) {
        int index = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    static String render(Map<String, Object> r) {
        return String.format("%nresults-service: %s findings/s (%s events/s) over a backlog of %s findings in %s s"
                        + " from ready; %s findings/s from its first report%n"
                        + "report update after a study's last finding: p50 %s ms, p99 %s ms, max %s ms%nmachine: %s%n",
                r.get("findings_per_s"), r.get("events_per_s"), r.get("backlog_findings"), r.get("backlog_seconds"),
                r.get("findings_per_s_after_first_report"),
                r.get("report_update_p50_ms"), r.get("report_update_p99_ms"), r.get("report_update_max_ms"),
                r.get("machine"));
    }

    private static void log(String format, Object... args) {
        System.out.printf("[bench results] " + format + "%n", args);
    }
}
