package io.radstream.demo;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code ./radstream demo}: uploads the bundled sample studies to a running RadStream, waits for their
 * reports, prints a readable summary (stderr) and one JSON line (stdout and {@code --json-out}).
 * {@code --token} is an uploader's bearer token (ingest), {@code --results-token} a reader's (results).
 * Exit status 0 only if every image got its findings and every study its report.
 */
public final class DemoMain {

    private DemoMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        DemoClient client = new DemoClient(URI.create(options.getOrDefault("ingest", "http://127.0.0.1:8081")),
                URI.create(options.getOrDefault("results", "http://127.0.0.1:8083")),
                options.getOrDefault("token", System.getenv("RADSTREAM_TOKEN")),
                options.getOrDefault("results-token", System.getenv("RADSTREAM_RESULTS_TOKEN")));
        Path samples = Path.of(options.getOrDefault("samples", "samples"));
        DemoRun.Summary summary = new DemoRun(client, System.err).run(SampleStudy.readManifest(samples),
                Duration.ofSeconds(Long.parseLong(options.getOrDefault("timeout-seconds", "180"))));
        if (options.containsKey("json-out")) {
            Files.writeString(Path.of(options.get("json-out")), summary.json() + System.lineSeparator());
        } else {
            System.out.println(summary.json());
        }
        System.exit(summary.ok() ? 0 : 1);
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("Unexpected argument " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }
}
