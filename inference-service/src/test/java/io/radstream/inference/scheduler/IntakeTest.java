package io.radstream.inference.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.radstream.schemas.events.Priority;

class IntakeTest {

    final Intake<String> intake = new Intake<>();

    @Test
    void shouldHandOutStatThenUrgentThenRoutineInArrivalOrder() throws Exception {
        intake.put("r1", Priority.ROUTINE);
        intake.put("u1", Priority.URGENT);
        intake.put("s1", Priority.STAT);
        intake.put("r2", Priority.ROUTINE);
        intake.put("s2", Priority.STAT);

        StringBuilder order = new StringBuilder();
        for (String s; (s = intake.take(() -> true, 0)) != null; ) {
            order.append(s).append(' ');
        }

        assertThat(order.toString().trim()).isEqualTo("s1 s2 u1 r1 r2");
    }

    @Test
    void shouldHoldBackNonStatWorkWhileTheDecodedQueueIsFullButNeverStat() throws Exception {
        intake.put("r1", Priority.ROUTINE);
        intake.put("u1", Priority.URGENT);

        assertThat(intake.take(() -> false, 0)).isNull();

        intake.put("s1", Priority.STAT);
        assertThat(intake.take(() -> false, 0)).isEqualTo("s1");
        assertThat(intake.take(() -> true, 0)).isEqualTo("u1");
        assertThat(intake.size()).isEqualTo(1);
    }
}
