package io.radstream.ingest.stow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.radstream.ingest.core.FailureReason;

class StowPipelineTest {

    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final StowResult result = new StowResult();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void shouldRecordOutcomesInRequestOrderWhenALaterPartFinishesFirst() {
        AtomicBoolean secondDone = new AtomicBoolean();
        StowPipeline pipeline = new StowPipeline(threads, 4, result);

        pipeline.store("a", () -> {
            await().untilTrue(secondDone);
            return stored("1.1");
        });
        pipeline.store("b", () -> {
            PartOutcome outcome = stored("1.2");
            secondDone.set(true);
            return outcome;
        });

        assertThat(pipeline.finish()).isEqualTo("9.9");
        assertThat(referencedSops()).containsExactly("1.1", "1.2");
    }

    @Test
    void shouldNotStoreAPartWhileAnotherOfTheSameObjectKeyIsRunning() throws InterruptedException {
        CountDownLatch firstMayFinish = new CountDownLatch(1);
        AtomicBoolean firstFinished = new AtomicBoolean();
        AtomicBoolean secondSawFirstFinished = new AtomicBoolean();
        StowPipeline pipeline = new StowPipeline(threads, 4, result);
        pipeline.store("same-key", () -> {
            awaitQuietly(firstMayFinish);
            firstFinished.set(true);
            return stored("1.1");
        });

        Thread second = new Thread(() -> pipeline.store("same-key", () -> {
            secondSawFirstFinished.set(firstFinished.get());
            return stored("1.1");
        }));
        second.start();
        await().until(() -> second.getState() == Thread.State.WAITING);
        assertThat(firstFinished).isFalse();
        firstMayFinish.countDown();
        second.join();

        pipeline.finish();
        assertThat(secondSawFirstFinished).isTrue();
        assertThat(referencedSops()).containsExactly("1.1", "1.1");
    }

    @Test
    void shouldKeepAtMostTheConfiguredNumberOfPartsPending() throws InterruptedException {
        CountDownLatch mayFinish = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        Supplier<PartOutcome> blocked = () -> {
            started.incrementAndGet();
            awaitQuietly(mayFinish);
            return stored("1." + started.get());
        };
        StowPipeline pipeline = new StowPipeline(threads, 2, result);
        pipeline.store("a", blocked);
        pipeline.store("b", blocked);

        Thread third = new Thread(() -> pipeline.store("c", blocked));
        third.start();
        await().until(() -> third.getState() == Thread.State.WAITING && started.get() == 2);
        mayFinish.countDown();
        third.join();

        pipeline.finish();
        assertThat(started).hasValue(3);
        assertThat(referencedSops()).hasSize(3);
    }

    @Test
    void shouldRecordAnUnexpectedFailureAsAProcessingFailureAndGoOn() {
        StowPipeline pipeline = new StowPipeline(threads, 4, result);
        pipeline.store("a", () -> {
            throw new IllegalStateException("boom");
        });
        pipeline.store("b", () -> stored("1.2"));

        pipeline.finish();
        assertThat(result.failureCodes()).containsExactly(FailureReason.PROCESSING_FAILURE.code());
        assertThat(referencedSops()).containsExactly("1.2");
        assertThat(result.status()).isEqualTo(202);
    }

    @Test
    void shouldReportUnavailableOnceAPartFoundTheStoreDown() {
        StowPipeline pipeline = new StowPipeline(threads, 4, result);
        assertThat(pipeline.unavailable()).isFalse();
        pipeline.store("a", () -> PartOutcome.unavailable("1.2", "1.1", "S3 down"));

        await().until(pipeline::unavailable);
        pipeline.finish();
        assertThat(result.status()).isEqualTo(503);
    }

    @Test
    void shouldWaitForRunningPartsWhenClosedEarly() {
        AtomicBoolean finished = new AtomicBoolean();
        StowPipeline pipeline = new StowPipeline(threads, 4, result);
        pipeline.store("a", () -> {
            finished.set(true);
            return stored("1.1");
        });

        pipeline.close();
        assertThat(finished).isTrue();
    }

    @Test
    void shouldRecordPartsRefusedBeforeStoringInTheirPlace() {
        StowPipeline pipeline = new StowPipeline(threads, 4, result);
        pipeline.store("a", () -> stored("1.1"));
        pipeline.add(PartOutcome.failed(null, null, FailureReason.CANNOT_UNDERSTAND, "truncated"));
        pipeline.store("c", () -> stored("1.3"));

        pipeline.finish();
        assertThat(referencedSops()).containsExactly("1.1", "1.3");
        assertThat(result.failureCodes()).containsExactly(FailureReason.CANNOT_UNDERSTAND.code());
    }

    private static PartOutcome stored(String sop) {
        return PartOutcome.stored("1.2.840.10008.5.1.4.1.1.2", sop, "http://x/" + sop, "9.9");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @SuppressWarnings("unchecked")
    private List<String> referencedSops() {
        Map<String, Object> json = result.toDicomJson(null);
        Map<String, Object> referenced = (Map<String, Object>) json.getOrDefault("00081199", Map.of("Value", List.of()));
        return ((List<Map<String, Object>>) referenced.get("Value")).stream()
                .map(item -> (String) ((List<?>) ((Map<String, Object>) item.get("00081155")).get("Value")).get(0))
                .toList();
    }
}
