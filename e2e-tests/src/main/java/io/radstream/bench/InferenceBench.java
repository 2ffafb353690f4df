package io.radstream.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.radstream.demo.ServiceProcess;
import io.radstream.localstack.LocalStack;
import io.radstream.schemas.events.Priority;

/**
 * {@code ./radstream bench inference}: raw ONNX Runtime against the platform (event in, finding out,
 * through a real broker, a real S3 server and the packaged inference service), STAT latency idle and
 * behind a routine backlog, and batching on/off. Prints a table and writes {@code inference.json}.
 * Not a test: it measures this machine, it asserts nothing.
 */
public final class InferenceBench {

    private final BenchOptions options;
    private final Path work;

    private InferenceBench(BenchOptions options) throws Exception {
        this.options = options;
        this.work = Files.createTempDirectory("radstream-bench-inference");
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.parse(args);
        Map<String, Object> result = new InferenceBench(options).run();
        Path out = options.out();
        Files.createDirectories(out.getParent());
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(out.toFile(), result);
        System.out.println(BenchTable.render(result));
        System.out.println("written " + out);
        System.exit(0);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> run() throws Exception {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("machine", BenchTable.machine(options.device()));
        result.put("parameters", options.describe());
        Map<String, Object> models = new LinkedHashMap<>();
        for (String id : options.models()) {
            models.put(id, model(id, id.equals(options.latencyModel()) ? result : null));
        }
        result.put("models", models);
        Object realistic = ((Map<?, ?>) models.get(options.models().get(0))).get("batching_gain");
        result.put("batching_gain", realistic);
        ((Map<String, Object>) result.get("machine")).put("load_average_at_end", BenchTable.loadAverage());
        return result;
    }

    /** Raw, platform with and without batching for one model; STAT latencies into {@code latency} when asked. */
    private Map<String, Object> model(String id, Map<String, Object> latency) throws Exception {
        JsonNode d = BenchModels.descriptor(options.modelsDir(), id);
        int images = options.imagesFor(id);
        Map<Integer, Double> raw = raw(id, d);
        int bestBatch = raw.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        double batched = platform(id, bestBatch, images, latency);
        double single = platform(id, 1, images, null);
        raw(id, d).forEach((batch, ips) -> raw.merge(batch, ips, Math::max)); // again: the machine's load varies
        double rawBest = raw.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("raw_ort_ips", round(rawBest));
        m.put("raw_ort_ips_by_batch_size", raw.entrySet().stream().collect(LinkedHashMap::new,
                (map, e) -> map.put(String.valueOf(e.getKey()), round(e.getValue())), Map::putAll));
        m.put("platform_max_batch_size", bestBatch);
        m.put("descriptor_max_batch_size", d.path("batching").path("maxBatchSize").asInt());
        m.put("platform_ips", round(batched));
        m.put("ratio", round(batched / rawBest));
        m.put("platform_ips_without_batching", round(single));
        m.put("batching_gain", round(batched / single));
        m.put("images", images);
        return m;
    }

    /** The raw loop; run before and after the platform runs, the better of the two counts. */
    private Map<Integer, Double> raw(String id, JsonNode d) throws Exception {
        log("%s: raw ONNX Runtime loop, batch sizes %s", id, options.batchSizes());
        return RawOrtLoop.measure(BenchModels.onnx(options.modelsDir(), id), d.path("input").path("name").asText(),
                d.path("input").path("channels").asInt(), d.path("input").path("height").asInt(), options.batchSizes(),
                options.rawImagesFor(id), options.cudaIndex());
    }

    /**
     * Images/s through the platform; {@code maxBatch} 1 turns batching off, otherwise it is the raw loop's best
     * batch size on this machine (the descriptor's may be tuned for another).
     */
    private double platform(String id, int maxBatch, int images, Map<String, Object> latency) throws Exception {
        boolean batching = maxBatch > 1;
        Path phase = Files.createTempDirectory(work, id + (batching ? "-batched" : "-single"));
        log("%s: platform, batching %s, %d images", id, batching ? "up to " + maxBatch : "off", images);
        try (LocalStack stack = LocalStack.startForTests(phase)) {
            Map<String, String> config = new LinkedHashMap<>(stack.serviceConfig());
            config.put("radstream.inference.models-dir", BenchModels.onlyModel(options.modelsDir(), id,
                    phase.resolve("models")).toString());
            config.put("radstream.inference.batching-enabled", String.valueOf(batching));
            config.put("radstream.inference.batching.\"" + id + "\".max-batch-size", String.valueOf(maxBatch));
            config.put("radstream.inference.devices", options.device());
            try (ServiceProcess service = ServiceProcess.start(options.root(), "inference-service", config,
                    options.out().resolveSibling("inference-service-" + phase.getFileName() + ".log"));
                 Traffic traffic = new Traffic(stack, readAll(options.samples()))) {
                burst(traffic, Math.min(16, images)); // warm-up: JIT, ONNX Runtime allocations, consumer groups
                double ips = throughput(traffic, images);
                log("%s: %.1f images/s", id, ips);
                if (latency != null) {
                    statLatency(traffic, latency);
                    Files.writeString(options.out().resolveSibling("inference-metrics.txt"), service.metrics());
                }
                return ips;
            }
        }
    }

    private double throughput(Traffic traffic, int images) throws Exception {
        long t0 = System.nanoTime();
        List<String> sops = burst(traffic, images);
        long last = traffic.awaitAll(sops, Duration.ofMinutes(10));
        return images / ((last - t0) / 1e9);
    }

    private List<String> burst(Traffic traffic, int images) throws Exception {
        List<String> sops = new ArrayList<>();
        for (int i = 0; i < images; i++) {
            sops.add(traffic.send(Priority.ROUTINE));
        }
        traffic.flush();
        traffic.awaitAll(sops, Duration.ofMinutes(10));
        return sops;
    }

    /** STAT images one at a time on an idle service, then while {@code backlog} routine images are queued. */
    private void statLatency(Traffic traffic, Map<String, Object> result) throws Exception {
        double[] idle = new double[options.statImages()];
        for (int i = 0; i < idle.length; i++) {
            String sop = traffic.send(Priority.STAT);
            traffic.flush();
            traffic.awaitAll(List.of(sop), Duration.ofMinutes(1));
            idle[i] = traffic.latencyMs(sop);
        }
        log("STAT behind a backlog of %d routine images", options.backlog());
        List<String> routine = new ArrayList<>();
        for (int i = 0; i < options.backlog(); i++) {
            routine.add(traffic.send(Priority.ROUTINE));
        }
        traffic.flush();
        List<String> stat = new ArrayList<>();
        long minQueued = Long.MAX_VALUE;
        for (int i = 0; i < options.statImages(); i++) {
            minQueued = Math.min(minQueued, routine.stream().filter(s -> !traffic.done(s)).count());
            String sop = traffic.send(Priority.STAT);
            traffic.flush();
            stat.add(sop);
            traffic.awaitAll(List.of(sop), Duration.ofMinutes(1));
        }
        traffic.awaitAll(routine, Duration.ofMinutes(10));
        double[] backlog = stat.stream().mapToDouble(traffic::latencyMs).toArray();
        result.put("stat_images", options.statImages());
        result.put("stat_p50_idle_ms", round(percentile(idle, 50)));
        result.put("stat_p99_idle_ms", round(percentile(idle, 99)));
        result.put("stat_p50_backlog_ms", round(percentile(backlog, 50)));
        result.put("stat_p99_backlog_ms", round(percentile(backlog, 99)));
        result.put("stat_backlog_over_idle", round(percentile(backlog, 99) / percentile(idle, 99)));
        result.put("backlog_routine_images", options.backlog());
        result.put("backlog_min_routine_still_queued_when_stat_sent", minQueued);
    }

    private static List<byte[]> readAll(List<Path> files) throws java.io.IOException {
        List<byte[]> all = new ArrayList<>();
        for (Path f : files) {
            all.add(Files.readAllBytes(f));
        }
        return all;
    }

    /** Nearest-rank percentile. */
    static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    static void log(String format, Object... args) {
        System.err.printf("[bench inference] " + format + "%n", args);
    }
}
