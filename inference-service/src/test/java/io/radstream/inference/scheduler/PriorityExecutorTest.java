package io.radstream.inference.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.radstream.schemas.events.Priority;

class PriorityExecutorTest {

    @Test
    void shouldRunWaitingStatWorkBeforeEarlierRoutineWork() throws Exception {
        PriorityExecutor executor = new PriorityExecutor("test", 1);
        CountDownLatch busy = new CountDownLatch(1);
        List<String> order = new CopyOnWriteArrayList<>();
        executor.execute(Priority.ROUTINE, () -> {
            try {
                busy.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        executor.execute(Priority.ROUTINE, () -> order.add("r1"));
        executor.execute(Priority.URGENT, () -> order.add("u1"));
        executor.execute(Priority.ROUTINE, () -> order.add("r2"));
        executor.execute(Priority.STAT, () -> order.add("s1"));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> executor.waiting() == 4);

        busy.countDown();

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> order.size() == 4);
        assertThat(order).containsExactly("s1", "u1", "r1", "r2");
        executor.shutdown();
    }
}
