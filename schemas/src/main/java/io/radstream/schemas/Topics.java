package io.radstream.schemas;

import java.util.List;
import java.util.Map;

import io.radstream.schemas.events.AlertAcknowledged;
import io.radstream.schemas.events.AlertEscalated;
import io.radstream.schemas.events.AuditEvent;
import io.radstream.schemas.events.DeadLetter;
import io.radstream.schemas.events.Finding;
import io.radstream.schemas.events.ImageArrived;
import io.radstream.schemas.events.Priority;
import io.radstream.schemas.events.StudyReport;
import io.radstream.schemas.events.UrgentAlert;

/** The typed registry of every RadStream topic; services and tests name topics only through it. */
public final class Topics {

    private static final String WEEK_MS = String.valueOf(7L * 24 * 3600 * 1000);
    private static final Map<String, String> LANE = Map.of("cleanup.policy", "delete", "retention.ms", WEEK_MS);

    /** Images whose priority is STAT or URGENT: always drained before the routine lane. */
    public static final Topic<ImageArrived> IMAGES_STAT =
            new Topic<>("radstream.images.stat", 6, LANE, new AvroSerde<>(ImageArrived.class));
    /** Images whose priority is ROUTINE. */
    public static final Topic<ImageArrived> IMAGES_ROUTINE =
            new Topic<>("radstream.images.routine", 6, LANE, new AvroSerde<>(ImageArrived.class));
    public static final Topic<Finding> FINDINGS =
            new Topic<>("radstream.findings", 6, LANE, new AvroSerde<>(Finding.class));
    /** Latest report per study (compacted). */
    public static final Topic<StudyReport> STUDY_REPORTS = new Topic<>("radstream.study-reports", 6,
            Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "60000"), new AvroSerde<>(StudyReport.class));
    /** The latest FINAL (or AMENDED) report per (pseudonymous patient, modality), keyed "patientKey/modality" (compacted). */
    public static final Topic<StudyReport> PRIORS = new Topic<>("radstream.priors", 6,
            Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "60000"), new AvroSerde<>(StudyReport.class));
    public static final Topic<UrgentAlert> URGENT_ALERTS =
            new Topic<>("radstream.alerts.urgent", 3, LANE, new AvroSerde<>(UrgentAlert.class));
    /** Acknowledgements of urgent alerts (results-service publishes them for its API and consumes them). */
    public static final Topic<AlertAcknowledged> ALERT_ACKS =
            new Topic<>("radstream.alerts.acks", 6, LANE, new AvroSerde<>(AlertAcknowledged.class));
    /** Urgent alerts still unacknowledged after the escalation time. */
    public static final Topic<AlertEscalated> ALERT_ESCALATIONS =
            new Topic<>("radstream.alerts.escalations", 3, LANE, new AvroSerde<>(AlertEscalated.class));
    public static final Topic<DeadLetter> DEAD_LETTERS = new Topic<>("radstream.dead-letters", 3,
            Map.of("cleanup.policy", "delete", "retention.ms", String.valueOf(30L * 24 * 3600 * 1000)),
            new AvroSerde<>(DeadLetter.class));

    /** One audit record per upload request: who, what, when, outcome (no PHI). Kept a year. */
    public static final Topic<AuditEvent> AUDIT = new Topic<>("radstream.audit", 3,
            Map.of("cleanup.policy", "delete", "retention.ms", String.valueOf(366L * 24 * 3600 * 1000)),
            new AvroSerde<>(AuditEvent.class));

    private Topics() {
    }

    public static List<Topic<?>> all() {
        return List.of(IMAGES_STAT, IMAGES_ROUTINE, FINDINGS, STUDY_REPORTS, PRIORS, URGENT_ALERTS, ALERT_ACKS,
                ALERT_ESCALATIONS, DEAD_LETTERS, AUDIT);
    }

    /** STAT and URGENT images share the STAT lane; ROUTINE images use the routine lane. */
    public static Topic<ImageArrived> laneFor(Priority priority) {
        return priority == Priority.ROUTINE ? IMAGES_ROUTINE : IMAGES_STAT;
    }
}
