package io.radstream.inference.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.radstream.inference.scheduler.BatchScheduler.Batch;
import io.radstream.inference.scheduler.BatchScheduler.Limits;
import io.radstream.schemas.events.Priority;

/** Ordering, dynamic batching and cut-short decisions of the scheduler, on a hand-driven clock. */
class BatchSchedulerTest {

    record Job(String name, String model, Priority priority, int frames) implements BatchScheduler.Job {
    }

    final AtomicLong now = new AtomicLong();
    final BatchScheduler<Job> scheduler = new BatchScheduler<>(
            Map.of("cxr", new Limits(4, ms(10)), "ct", new Limits(8, ms(5)))::get, now::get);

    @Test
    void shouldServeStatBeforeUrgentBeforeRoutineWhateverTheArrivalOrder() {
        submit("r1", "cxr", Priority.ROUTINE);
        submit("u1", "cxr", Priority.URGENT);
        submit("r2", "cxr", Priority.ROUTINE);
        submit("s1", "cxr", Priority.STAT);
        submit("u2", "cxr", Priority.URGENT);

        Batch<Job> first = scheduler.takeDue().orElseThrow();

        assertThat(names(first)).containsExactly("s1", "u1", "u2", "r1");
        assertThat(first.priority()).isEqualTo(Priority.STAT);
        assertThat(scheduler.depth(Priority.ROUTINE)).isEqualTo(1);
    }

    @Test
    void shouldHoldAPartialRoutineBatchUntilItsMaxQueueDelay() {
        submit("r1", "cxr", Priority.ROUTINE);
        now.addAndGet(ms(4));
        submit("r2", "cxr", Priority.ROUTINE);

        assertThat(scheduler.takeDue()).isEmpty();
        now.addAndGet(ms(6));
        Batch<Job> batch = scheduler.takeDue().orElseThrow();

        assertThat(names(batch)).containsExactly("r1", "r2");
        assertThat(batch.waitedNanos()).containsExactly(ms(10), ms(6));
    }

    @Test
    void shouldDispatchAFullBatchAtOnceAndMixStudies() {
        for (int i = 0; i < 6; i++) {
            submit("study" + i, "cxr", Priority.ROUTINE);
        }

        assertThat(names(scheduler.takeDue().orElseThrow())).containsExactly("study0", "study1", "study2", "study3");
        assertThat(scheduler.takeDue()).as("the remaining two wait for their delay").isEmpty();
    }

    @Test
    void shouldCountFramesAgainstTheMaxBatchButNeverSplitAJob() {
        scheduler.submit(new Job("a", "cxr", Priority.ROUTINE, 3));
        scheduler.submit(new Job("b", "cxr", Priority.ROUTINE, 2));
        scheduler.submit(new Job("c", "cxr", Priority.ROUTINE, 9));

        assertThat(names(scheduler.takeDue().orElseThrow())).containsExactly("a");
        now.addAndGet(ms(10));
        assertThat(names(scheduler.takeDue().orElseThrow())).containsExactly("b");
        assertThat(names(scheduler.takeDue().orElseThrow())).as("a job larger than a batch goes alone")
                .containsExactly("c");
    }

    @Test
    void shouldNotLetStatWaitForABatchToFill() {
        submit("s1", "cxr", Priority.STAT);

        assertThat(names(scheduler.takeDue().orElseThrow())).containsExactly("s1");
    }

    @Test
    void shouldCutAWaitingRoutineBatchShortForStatWorkOfAnotherModel() {
        submit("r1", "cxr", Priority.ROUTINE);
        submit("r2", "cxr", Priority.ROUTINE);
        assertThat(scheduler.takeDue()).isEmpty();

        submit("s1", "ct", Priority.STAT);

        assertThat(scheduler.statWaiting()).isTrue();
        Batch<Job> batch = scheduler.takeDue().orElseThrow();
        assertThat(batch.model()).isEqualTo("ct");
        assertThat(names(batch)).containsExactly("s1");
        assertThat(scheduler.statWaiting()).isFalse();
    }

    @Test
    void shouldServeTheModelOfTheBestJobFirst() {
        for (int i = 0; i < 8; i++) {
            submit("r" + i, "ct", Priority.ROUTINE);
        }
        submit("u1", "cxr", Priority.URGENT);
        now.addAndGet(ms(10));

        assertThat(scheduler.takeDue().orElseThrow().model()).isEqualTo("cxr");
        assertThat(scheduler.takeDue().orElseThrow().model()).isEqualTo("ct");
    }

    @Test
    void shouldCutARoutineBatchInFlightShortWhenStatWorkWaits() {
        for (int i = 0; i < 4; i++) {
            submit("r" + i, "cxr", Priority.ROUTINE);
        }
        Batch<Job> routine = scheduler.takeDue().orElseThrow();
        assertThat(scheduler.preemptFor(routine)).as("nothing waits").isEmpty();
        submit("r9", "cxr", Priority.ROUTINE);
        submit("s1", "ct", Priority.STAT);

        Batch<Job> stat = scheduler.preemptFor(routine).orElseThrow();

        assertThat(names(stat)).containsExactly("s1");
        assertThat(scheduler.preemptFor(stat)).as("STAT is never preempted").isEmpty();
        assertThat(scheduler.preemptFor(routine)).as("routine work does not preempt routine work").isEmpty();
    }

    @Test
    void shouldHoldNonStatBatchesWhileStatWorkIsInProcessElsewhere() throws Exception {
        StatGate gate = new StatGate();
        BatchScheduler<Job> gated = new BatchScheduler<>(Map.of("cxr", new Limits(1, 0), "ct", new Limits(1, 0))::get,
                now::get, gate::active);
        gated.submit(new Job("u1", "cxr", Priority.URGENT, 1));
        gated.submit(new Job("r1", "cxr", Priority.ROUTINE, 1));
        gate.enter();

        assertThat(gated.takeDue()).as("a STAT image is being fetched").isEmpty();
        assertThat(gated.next(ms(5))).isEmpty();
        gated.submit(new Job("s1", "ct", Priority.STAT, 1));
        assertThat(names(gated.takeDue().orElseThrow())).as("STAT itself is never held").containsExactly("s1");
        gate.leave();

        assertThat(names(gated.takeDue().orElseThrow())).containsExactly("u1");
        assertThat(names(gated.takeDue().orElseThrow())).containsExactly("r1");
    }

    @Test
    void shouldWakeADeviceWaitingForWorkWhenStatWorkArrives() throws Exception {
        BatchScheduler<Job> realClock = new BatchScheduler<>(Map.of("cxr", new Limits(4, ms(10)))::get, System::nanoTime);
        Thread ingest = new Thread(() -> realClock.submit(new Job("s1", "cxr", Priority.STAT, 1)));
        ingest.start();

        Batch<Job> batch = realClock.next(ms(60_000)).orElseThrow();

        assertThat(names(batch)).containsExactly("s1");
        ingest.join();
    }

    @Test
    void shouldReturnNothingWhenNoBatchBecomesDueInTime() throws Exception {
        assertThat(scheduler.next(ms(1))).isEmpty();
    }

    private void submit(String name, String model, Priority priority) {
        scheduler.submit(new Job(name, model, priority, 1));
    }

    private static List<String> names(Batch<Job> batch) {
        return batch.jobs().stream().map(Job::name).toList();
    }

    private static long ms(long millis) {
        return BatchScheduler.nanos(millis);
    }
}
