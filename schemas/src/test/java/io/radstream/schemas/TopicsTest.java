package io.radstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.radstream.schemas.events.Priority;

class TopicsTest {

    @Test
    void shouldGiveEveryTopicAUniqueName() {
        assertThat(Topics.all().stream().map(Topic::name)).doesNotHaveDuplicates();
    }

    @Test
    void shouldSendStatAndUrgentToTheStatLaneAndRoutineToTheRoutineLane() {
        assertThat(Topics.laneFor(Priority.STAT)).isSameAs(Topics.IMAGES_STAT);
        assertThat(Topics.laneFor(Priority.URGENT)).isSameAs(Topics.IMAGES_STAT);
        assertThat(Topics.laneFor(Priority.ROUTINE)).isSameAs(Topics.IMAGES_ROUTINE);
    }

    @Test
    void shouldCompactTheReportTopicsOnly() {
        assertThat(Topics.all()).filteredOn(t -> "compact".equals(t.configs().get("cleanup.policy")))
                .containsExactly(Topics.STUDY_REPORTS, Topics.PRIORS);
    }
}
