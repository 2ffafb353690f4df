package io.radstream.results;

import static io.radstream.results.TestEvents.ack;
import static io.radstream.results.TestEvents.arrival;
import static io.radstream.results.TestEvents.completed;
import static io.radstream.results.TestEvents.score;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.radstream.schemas.events.AlertAcknowledged;
import io.radstream.schemas.events.AlertEscalated;
import io.radstream.schemas.events.DeadLetter;
import io.radstream.schemas.events.Priority;
import io.radstream.schemas.events.UrgentAlert;
import io.radstream.schemas.events.Urgency;

class AlertTopologyTest extends WithTopology {

    private static final String STUDY = "1.2.840.113619.2.55.3.7";
    private static final String SOP = STUDY + ".1";
    private static final String ALERT_ID = Alerts.alertId(TestEvents.TENANT, STUDY, "pneumothorax");
    private static final Duration JUST_BEFORE = TopologyHarness.ESCALATE_AFTER.minusSeconds(2);

    @BeforeEach
    void givenARaisedAlert() {
        harness.arrive(arrival(STUDY, SOP, Priority.STAT));
        harness.find(completed(STUDY, SOP, "cxr", List.of("cxr", "cxr-v2"), score("pneumothorax", 0.9, Urgency.STAT)));
        assertThat(harness.alerts.readValuesToList()).extracting(UrgentAlert::getAlertId).containsExactly(ALERT_ID);
    }

    @Test
    void shouldEscalateUnacknowledgedAlertAfterTimeout() {
        harness.advance(JUST_BEFORE);
        assertThat(harness.escalations.isEmpty()).isTrue();
        assertThat(harness.gauge("radstream.results.alerts.unacknowledged")).isEqualTo(1.0);

        harness.advance(Duration.ofSeconds(3));

        AlertEscalated escalation = harness.escalations.readValue();
        assertThat(escalation.getAlertId()).isEqualTo(ALERT_ID);
        assertThat(escalation.getLevel()).isEqualTo(1);
        assertThat(escalation.getEscalationId()).isEqualTo(Alerts.escalationId(ALERT_ID, 1));
        assertThat(escalation.getStudyInstanceUid()).isEqualTo(STUDY);
        assertThat(escalation.getUrgency()).isEqualTo(Urgency.STAT);
        assertThat(escalation.getEscalatedAt()).isEqualTo(TopologyHarness.START.plus(JUST_BEFORE).plusSeconds(3));
        assertThat(escalation.getNotice()).isEqualTo(Alerts.NOTICE);
        assertThat(harness.meterCount("radstream.results.alerts.escalated")).isEqualTo(1.0);
        assertThat(harness.gauge("radstream.results.alerts.unacknowledged")).isEqualTo(1.0);
    }

    @Test
    void shouldEscalateAgainAfterEachPeriodUpToTheMaximumLevel() {
        for (int period = 0; period < 4; period++) {
            harness.advance(TopologyHarness.ESCALATE_AFTER.plusSeconds(1));
        }

        assertThat(harness.escalations.readValuesToList()).extracting(AlertEscalated::getLevel)
                .containsExactly(1, 2);
        assertThat(harness.gauge("radstream.results.alerts.unacknowledged")).isEqualTo(1.0);
    }

    @Test
    void shouldNotEscalateAnAcknowledgedAlertAndShouldRecordTimeToAcknowledge() {
        harness.advance(Duration.ofSeconds(30));
        harness.acknowledge(ack(STUDY, ALERT_ID, "dr.house", TopologyHarness.START.plusSeconds(30)));

        harness.advance(TopologyHarness.ESCALATE_AFTER.multipliedBy(3));

        assertThat(harness.escalations.isEmpty()).isTrue();
        assertThat(harness.gauge("radstream.results.alerts.unacknowledged")).isZero();
        var timer = harness.registry.get("radstream.results.time.to.ack").tag("urgency", "STAT").timer();
        assertThat(timer.count()).isEqualTo(1);
        assertThat(timer.totalTime(TimeUnit.SECONDS)).isEqualTo(30.0);
    }

    @Test
    void shouldKeepOnlyTheFirstAcknowledgement() {
        AlertAcknowledged first = ack(STUDY, ALERT_ID, "dr.first", TopologyHarness.START.plusSeconds(5));
        harness.acknowledge(first);
        harness.acknowledge(ack(STUDY, ALERT_ID, "dr.second", TopologyHarness.START.plusSeconds(9)));
        harness.acknowledge(first);

        KeyValueStore<String, AlertAcknowledged> acks = harness.driver.getKeyValueStore(TopologyProducer.ACK_STORE);
        assertThat(acks.get(ALERT_ID).getAcknowledgedBy()).isEqualTo("dr.first");
        assertThat(harness.registry.get("radstream.results.time.to.ack").tag("urgency", "STAT").timer().count())
                .isEqualTo(1);
        assertThat(harness.deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldDeadLetterAnAcknowledgementOfAnUnknownAlert() {
        harness.acknowledge(ack(STUDY, Alerts.alertId(TestEvents.TENANT, STUDY, "nodule"), "dr.x",
                TopologyHarness.START));

        assertThat(harness.deadLetters.readValuesToList()).extracting(DeadLetter::getReason)
                .containsExactly("BAD_EVENT");
        assertThat(harness.gauge("radstream.results.alerts.unacknowledged")).isEqualTo(1.0);
    }

    @Test
    void shouldRaiseNoSecondAlertForTheSameLabelFromAnotherModelOrARedelivery() {
        harness.find(completed(STUDY, SOP, "cxr-v2", List.of("cxr", "cxr-v2"), score("pneumothorax", 0.97, Urgency.STAT)));
        harness.find(completed(STUDY, SOP, "cxr", List.of("cxr", "cxr-v2"), score("pneumothorax", 0.9, Urgency.STAT)));
        harness.arrive(arrival(STUDY, SOP, Priority.STAT));

        assertThat(harness.alerts.isEmpty()).isTrue();
        assertThat(harness.meterCount("radstream.results.alerts.raised")).isEqualTo(1.0);
        assertThat(harness.gauge("radstream.results.alerts.unacknowledged")).isEqualTo(1.0);
    }
}
