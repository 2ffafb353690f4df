package io.radstream.inference.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetTrackerTest {

    final TopicPartition p0 = new TopicPartition("radstream.images.routine", 0);
    final TopicPartition p1 = new TopicPartition("radstream.images.routine", 1);
    final TopicPartition stat = new TopicPartition("radstream.images.stat", 0);
    final OffsetTracker tracker = new OffsetTracker();

    @Test
    void shouldNeverCommitPastARecordThatIsNotAcknowledged() {
        for (long o = 10; o < 14; o++) {
            tracker.started(p0, o);
        }
        tracker.completed(p0, 11);
        tracker.completed(p0, 13);
        assertThat(tracker.drainCommittable()).as("10 still in process").isEmpty();

        tracker.completed(p0, 10);
        assertThat(tracker.drainCommittable()).containsExactly(Map.entry(p0, 12L));

        tracker.completed(p0, 12);
        assertThat(tracker.drainCommittable()).containsExactly(Map.entry(p0, 14L));
        assertThat(tracker.drainCommittable()).as("nothing new").isEmpty();
    }

    @Test
    void shouldTrackPartitionsIndependently() {
        tracker.started(p0, 0);
        tracker.started(p1, 5);
        tracker.completed(p1, 5);

        assertThat(tracker.drainCommittable()).containsExactly(Map.entry(p1, 6L));
    }

    @Test
    void shouldCountOnlyUnfinishedRecordsOfTheTopicAsInProcess() {
        tracker.started(p0, 0);
        tracker.started(p0, 1);
        tracker.started(p1, 0);
        tracker.started(stat, 0);
        tracker.completed(p0, 1);

        assertThat(tracker.inProcess("radstream.images.routine")).isEqualTo(2);
        assertThat(tracker.inProcess("radstream.images.stat")).isEqualTo(1);
    }

    @Test
    void shouldForgetRevokedPartitionsAndIgnoreTheirLateCompletions() {
        tracker.started(p0, 0);
        tracker.revoked(List.of(p0));
        tracker.completed(p0, 0);

        assertThat(tracker.drainCommittable()).isEmpty();
        assertThat(tracker.inProcess("radstream.images.routine")).isZero();
    }
}
