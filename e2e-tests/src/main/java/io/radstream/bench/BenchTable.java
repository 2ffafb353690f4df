package io.radstream.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** The machine description and the printed result table of the inference benchmark. */
final class BenchTable {

    private BenchTable() {
    }

    static Map<String, Object> machine(String device) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpus", Runtime.getRuntime().availableProcessors());
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        m.put("inference_device", device.equals("cpu") ? "cpu (no GPU used)" : device);
        m.put("load_average_at_start", loadAverage());
        return m;
    }

    /** The 1-minute load average: other work on the machine skews every number here. */
    /**
     * Extra service settings given on a bench's command line as {@code k=v,k=v} (e.g.
     * {@code --results-config kafka-streams.num.stream.threads=2}); an entry without {@code =} is refused.
     */
    static Map<String, String> settings(String keyValues) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String entry : keyValues.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected key=value, got " + entry);
            }
            settings.put(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
        }
        return settings;
    }

    static double loadAverage() {
        return Math.round(java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() * 100)
                / 100.0;
    }

    static String render(Map<String, Object> result) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%n%-18s %12s %12s %8s %14s %9s%n", "model", "raw_ort_ips", "platform_ips", "ratio",
                "no_batch_ips", "batch_x"));
        ((Map<?, ?>) result.get("models")).forEach((id, v) -> {
            Map<?, ?> m = (Map<?, ?>) v;
            out.append(String.format("%-18s %12s %12s %8s %14s %9s%n", id, m.get("raw_ort_ips"), m.get("platform_ips"),
                    m.get("ratio"), m.get("platform_ips_without_batching"), m.get("batching_gain")));
        });
        out.append(String.format("%nSTAT latency (ms)   p50 idle %s   p99 idle %s   p50 backlog %s   p99 backlog %s"
                        + "   backlog/idle %s%n", result.get("stat_p50_idle_ms"), result.get("stat_p99_idle_ms"),
                result.get("stat_p50_backlog_ms"), result.get("stat_p99_backlog_ms"), result.get("stat_backlog_over_idle")));
        out.append(String.format("machine: %s%n", result.get("machine")));
        return out.toString();
    }
}
