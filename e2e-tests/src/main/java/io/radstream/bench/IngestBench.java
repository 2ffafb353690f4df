package io.radstream.bench;

import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.radstream.demo.ServiceProcess;
import io.radstream.demo.DevTokens;
import io.radstream.localstack.LocalStack;

/**
 * {@code ./radstream bench ingest [--instances 300 --side 512 --ingest-config k=v,...]}: STOWs a generated 16-bit CT series in
 * one request to the packaged ingest service on a real broker and S3 server, then PUTs the same bytes
 * straight to S3 with the MinIO client, one after another and then as many at a time as ingest keeps in flight;
 * prints ingest MB/s, raw PUT MB/s, their ratios and the ingest
 * JVM's heap growth (live heap sampled after forced full GCs during the upload, and the raw peak), and
 * writes {@code target/bench/ingest.json}. A benchmark, not a test: numbers depend on the machine.
 */
public final class IngestBench {

    /** radstream.ingest.stow-instances-in-flight's default (IngestConfig). */
    private static final String DEFAULT_INSTANCES_IN_FLIGHT = "4";

    private IngestBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        Path root = Path.of(a.getOrDefault("root", ".")).toAbsolutePath().normalize();
        int instances = Integer.parseInt(a.getOrDefault("instances", "300"));
        int side = Integer.parseInt(a.getOrDefault("side", "512"));
        Path work = Files.createTempDirectory("radstream-bench-ingest-");
        List<Path> files = CtSeriesFiles.write(work.resolve("series"), instances, side);
        long bytes = 0;
        for (Path f : files) {
            bytes += Files.size(f);
        }
        Map<String, String> config;
        try (LocalStack stack = LocalStack.startForTests(work.resolve("stack"))) {
            config = new LinkedHashMap<>(stack.serviceConfig());
            config.put("radstream.ingest.pseudonym-key", "bench-pseudonym-key-0123456789abcdef");
            config.putAll(DevTokens.serviceConfig(root));
            config.putAll(BenchTable.settings(a.getOrDefault("ingest-config", "")));
            try (ServiceProcess ingest = ServiceProcess.start(root, "ingest-service",
                    config, root.resolve("target/bench/ingest-service.log"));
                 MinioClient s3 = stack.s3().newClient()) {
                String token = DevTokens.mint(DevTokens.keyOf(root), "bench", "uploader", "bench", Duration.ofHours(2));
                stow(ingest, token, files.subList(0, Math.min(10, files.size()))); // warm-up
                putAll(s3, stack.bucket(), "warmup/", files.subList(0, Math.min(10, files.size())));
                int inFlight = Integer.parseInt(config.getOrDefault("radstream.ingest.stow-instances-in-flight",
                        DEFAULT_INSTANCES_IN_FLIGHT));
                Map<String, Object> result = measure(ingest, s3, stack.bucket(), token, files, bytes, inFlight);
                result.put("instances", instances);
                result.put("side", side);
                result.put("machine", BenchTable.machine("cpu"));
                Path out = root.resolve("target/bench/ingest.json");
                Files.createDirectories(out.getParent());
                new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(out.toFile(), result);
                System.out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(result));
            }
        } finally {
            try (var walk = Files.walk(work)) {
                walk.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static Map<String, Object> measure(ServiceProcess ingest, MinioClient s3, String bucket, String token,
                                               List<Path> files, long bytes, int inFlight) throws Exception {
        HeapSampler heap = HeapSampler.start(ingest);
        long t0 = System.nanoTime();
        stow(ingest, token, files);
        double ingestSeconds = (System.nanoTime() - t0) / 1e9;
        HeapSampler.Peaks peaks = heap.stop();
        long t1 = System.nanoTime();
        putAll(s3, bucket, "raw/", files);
        double putSeconds = (System.nanoTime() - t1) / 1e9;
        long t2 = System.nanoTime();
        putAllConcurrently(s3, bucket, "raw-concurrent/", files, inFlight);
        double concurrentPutSeconds = (System.nanoTime() - t2) / 1e9;
        double mb = bytes / 1e6;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("bytes", bytes);
        r.put("ingest_seconds", round(ingestSeconds));
        r.put("ingest_mb_per_s", round(mb / ingestSeconds));
        r.put("raw_s3_put_seconds", round(putSeconds));
        r.put("raw_s3_put_mb_per_s", round(mb / putSeconds));
        r.put("ratio", round(putSeconds / ingestSeconds));
        r.put("ratio_goal", 0.75);
        r.put("stow_instances_in_flight", inFlight);
        r.put("raw_s3_put_concurrent_mb_per_s", round(mb / concurrentPutSeconds));
        r.put("ratio_vs_concurrent_put", round(concurrentPutSeconds / ingestSeconds));
        r.put("heap_baseline_mb", round(peaks.baseline() / 1e6));
        r.put("heap_live_growth_mb", round((peaks.peakLive() - peaks.baseline()) / 1e6));
        r.put("heap_live_growth_goal_mb", 64);
        r.put("heap_used_peak_growth_mb", round((peaks.peakUsed() - peaks.baseline()) / 1e6));
        r.put("ingest_jvm", "-Xmx1g -XX:+UseParallelGC");
        return r;
    }

    private static void stow(ServiceProcess ingest, String token, List<Path> files) throws Exception {
        // body parts are opened lazily, one file at a time
        String boundary = "radstream-bench";
        List<InputStream> parts = new ArrayList<>();
        HttpRequest request = HttpRequest.newBuilder(ingest.uri().resolve("/dicomweb/studies"))
                .header("Content-Type", "multipart/related; type=\"application/dicom\"; boundary=" + boundary)
                .header("Authorization", "Bearer " + token).timeout(Duration.ofMinutes(30))
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> {
                    parts.clear();
                    for (Path file : files) {
                        parts.add(ascii("--" + boundary + "\r\nContent-Type: application/dicom\r\n\r\n"));
                        parts.add(LazyFile.of(file));
                        parts.add(ascii("\r\n"));
                    }
                    parts.add(ascii("--" + boundary + "--\r\n"));
                    return new SequenceInputStream(Collections.enumeration(parts));
                }), contentLength(boundary, files))).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("STOW-RS answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** The exact body length, so the request carries Content-Length as PACS and Orthanc send it (not chunked). */
    private static long contentLength(String boundary, List<Path> files) throws java.io.IOException {
        long length = ("--" + boundary + "--\r\n").length();
        for (Path file : files) {
            length += ("--" + boundary + "\r\nContent-Type: application/dicom\r\n\r\n").length() + Files.size(file) + 2;
        }
        return length;
    }

    private static void putAll(MinioClient s3, String bucket, String prefix, List<Path> files) throws Exception {
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                s3.putObject(PutObjectArgs.builder().bucket(bucket).object(prefix + file.getFileName())
                        .stream(in, Files.size(file), 10L * 1024 * 1024).contentType("application/dicom").build());
            }
        }
    }

    /** The same PUTs, {@code threads} at a time: the raw baseline with the parallelism ingest's pipeline uses. */
    private static void putAllConcurrently(MinioClient s3, String bucket, String prefix, List<Path> files, int threads)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> puts = new ArrayList<>();
            for (Path file : files) {
                puts.add(pool.submit(() -> {
                    putAll(s3, bucket, prefix, List.of(file));
                    return null;
                }));
            }
            for (Future<?> put : puts) {
                put.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static InputStream ascii(String text) {
        return new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
