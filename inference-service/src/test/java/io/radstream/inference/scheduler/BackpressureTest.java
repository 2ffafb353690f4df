package io.radstream.inference.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.radstream.inference.scheduler.Backpressure.Action;

class BackpressureTest {

    final Backpressure backpressure = new Backpressure(100);

    @Test
    void shouldPauseTheRoutineLaneWhenTheBoundIsReached() {
        assertThat(backpressure.decide(99, false)).isEqualTo(Action.NONE);
        assertThat(backpressure.decide(100, false)).isEqualTo(Action.PAUSE);
        assertThat(backpressure.decide(140, false)).isEqualTo(Action.PAUSE);
    }

    @Test
    void shouldResumeOnlyAtHalfTheBoundSoTheLaneDoesNotFlap() {
        assertThat(backpressure.decide(100, true)).isEqualTo(Action.NONE);
        assertThat(backpressure.decide(51, true)).isEqualTo(Action.NONE);
        assertThat(backpressure.decide(50, true)).isEqualTo(Action.RESUME);
        assertThat(backpressure.decide(0, true)).isEqualTo(Action.RESUME);
    }

    @Test
    void shouldRefuseANonPositiveBound() {
        assertThatThrownBy(() -> new Backpressure(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
