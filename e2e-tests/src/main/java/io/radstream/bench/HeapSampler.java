package io.radstream.bench;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.radstream.demo.ServiceProcess;

/**
 * Samples a service's heap use from {@code /q/metrics} while a benchmark runs: every 100 ms as is
 * (young garbage included), and every 2 s right after a full GC requested with {@code jcmd GC.run}
 * (what the service really holds live, e.g. a buffered request body).
 */
final class HeapSampler {

    private static final Pattern USED = Pattern.compile(
            "(?m)^jvm_memory_used_bytes\\{area=\"heap\"[^}]*}\\s+([0-9.eE+]+)");

    /** Baselines (after a full GC) and peaks of the heap as used and as live, in bytes. */
    record Peaks(long baseline, long peakUsed, long peakLive) {
    }

    private final ServiceProcess service;
    private final long baseline;
    private final Thread thread;
    private long peakUsed;
    private long peakLive;
    private volatile boolean running = true;

    private HeapSampler(ServiceProcess service) throws Exception {
        this.service = service;
        this.baseline = liveSample();
        this.peakUsed = baseline;
        this.peakLive = baseline;
        this.thread = new Thread(this::run, "heap-sampler");
    }

    static HeapSampler start(ServiceProcess service) throws Exception {
        HeapSampler sampler = new HeapSampler(service);
        sampler.thread.start();
        return sampler;
    }

    Peaks stop() throws Exception {
        running = false;
        thread.join();
        return new Peaks(baseline, peakUsed, peakLive);
    }

    private void run() {
        long nextLive = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (running) {
            try {
                peakUsed = Math.max(peakUsed, used());
                if (System.nanoTime() > nextLive) {
                    peakLive = Math.max(peakLive, liveSample());
                    nextLive = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
                }
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                // a missed sample only makes a peak less precise
            }
        }
    }

    private long liveSample() throws Exception {
        Process gc = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(service.pid()), "GC.run").redirectErrorStream(true).start();
        gc.getInputStream().readAllBytes();
        gc.waitFor(30, TimeUnit.SECONDS);
        return used();
    }

    private long used() throws Exception {
        Matcher m = USED.matcher(service.metrics());
        long heap = 0;
        while (m.find()) {
            heap += (long) Double.parseDouble(m.group(1));
        }
        return heap;
    }
}
