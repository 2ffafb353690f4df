package io.radstream.inference.pipeline;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.FunctionCounter;

/**
 * How busy a device is: total busy seconds (a counter; {@code rate()} of it is the busy ratio) and the
 * busy ratio over the last completed 10-second window (a gauge, for dashboards without PromQL).
 */
final class BusyMeter {

    private static final long WINDOW = TimeUnit.SECONDS.toNanos(10);

    private long totalNanos;
    private long windowStart = System.nanoTime();
    private long windowBusy;
    private double lastRatio;

    BusyMeter(PipelineMetrics metrics, String device) {
        FunctionCounter.builder("radstream.inference.device.busy", this, m -> m.totalSeconds())
                .description("Seconds the device spent preprocessing and running batches").baseUnit("seconds")
                .tag("device", device).register(metrics.registry());
        metrics.gauge("radstream.inference.device.busy.ratio", "Busy share of the device over the last 10 s",
                "device", device, this::ratio);
    }

    synchronized void add(long busyNanos) {
        roll();
        totalNanos += busyNanos;
        windowBusy += busyNanos;
    }

    synchronized double totalSeconds() {
        return totalNanos / 1e9;
    }

    synchronized double ratio() {
        roll();
        return lastRatio;
    }

    private void roll() {
        long now = System.nanoTime();
        if (now - windowStart >= WINDOW) {
            lastRatio = Math.min(1.0, (double) windowBusy / (now - windowStart));
            windowStart = now;
            windowBusy = 0;
        }
    }
}
