package io.radstream.results;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.radstream.schemas.Topics;
import io.radstream.schemas.events.AlertAcknowledged;
import io.radstream.schemas.events.Finding;
import io.radstream.schemas.events.FindingOutcome;
import io.radstream.schemas.events.ImageArrived;
import io.radstream.schemas.events.ImageFormat;
import io.radstream.schemas.events.IngestSource;
import io.radstream.schemas.events.LabelScore;
import io.radstream.schemas.events.Measurement;
import io.radstream.schemas.events.ModelRef;
import io.radstream.schemas.events.ObjectRef;
import io.radstream.schemas.events.Priority;
import io.radstream.schemas.events.Timings;
import io.radstream.schemas.events.Urgency;

/** Builders of valid events for tests. */
public final class TestEvents {

    static {
        Topics.all(); // loading the serdes makes Avro trust the event classes, which the builders' defaults need
    }

    public static final String TENANT = "acme";
    public static final Instant RECEIVED_AT = Instant.parse("2026-11-25T09:59:58Z");

    private TestEvents() {
    }

    public static ImageArrived arrival(String study, String sop, Priority priority) {
        String key = TENANT + "/" + study + "/1.2.3/" + sop + ".dcm";
        return ImageArrived.newBuilder()
                .setEventId(UUID.nameUUIDFromBytes(key.getBytes()).toString())
                .setTenant(TENANT)
                .setStudyInstanceUid(study)
                .setSeriesInstanceUid("1.2.3")
                .setSopInstanceUid(sop)
                .setModality("CR")
                .setBodyPart("CHEST")
                .setFormat(ImageFormat.DICOM)
                .setObject(new ObjectRef("images", key, "application/dicom", 1024L, "ab".repeat(32)))
                .setPriority(priority)
                .setPatientKey("p".repeat(64))
                .setSource(IngestSource.STOW_RS)
                .setReceivedAt(RECEIVED_AT)
                .build();
    }

    public static AlertAcknowledged ack(String study, String alertId, String by, Instant at) {
        return AlertAcknowledged.newBuilder()
                .setAckId(UUID.randomUUID().toString())
                .setAlertId(alertId)
                .setTenant(TENANT)
                .setStudyInstanceUid(study)
                .setLabel("unknown")
                .setAcknowledgedBy(by)
                .setAcknowledgedAt(at)
                .build();
    }

    public static ModelRef model(String id) {
        return new ModelRef(id, "1.0.0", "cd".repeat(32), "classification");
    }

    public static LabelScore score(String label, double score, Urgency urgency) {
        return new LabelScore(label, label.toUpperCase(), null, score, 0.5, score >= 0.5, urgency);
    }

    public static Finding completed(String study, String sop, String modelId, List<String> routed, LabelScore... scores) {
        return base(study, sop, FindingOutcome.COMPLETED, routed, modelId)
                .setModel(model(modelId))
                .setScores(List.of(scores))
                .setUrgent(List.of(scores).stream().anyMatch(s -> s.getPositive() && s.getUrgency() != Urgency.ROUTINE))
                .build();
    }

    public static Finding withMeasurement(Finding finding, String name, double value) {
        return Finding.newBuilder(finding).setMeasurements(List.of(Measurement.newBuilder().setName(name).setValue(value).setUnit("mm2").build())).build();
    }

    public static Finding notRouted(String study, String sop) {
        return base(study, sop, FindingOutcome.NOT_ROUTED, List.of(), "none").build();
    }

    public static Finding failed(String study, String sop, List<String> routed) {
        return base(study, sop, FindingOutcome.FAILED, routed, "failed").setError("cannot decode pixels").build();
    }

    private static Finding.Builder base(String study, String sop, FindingOutcome outcome, List<String> routed,
                                        String modelId) {
        String id = UUID.nameUUIDFromBytes((TENANT + sop + modelId + outcome).getBytes()).toString();
        return Finding.newBuilder()
                .setFindingId(id)
                .setTenant(TENANT)
                .setStudyInstanceUid(study)
                .setSeriesInstanceUid("1.2.3")
                .setSopInstanceUid(sop)
                .setPatientKey("p".repeat(64))
                .setModality("CR")
                .setBodyPart("CHEST")
                .setPriority(Priority.STAT)
                .setOutcome(outcome)
                .setRoutedModels(routed)
                .setTimings(new Timings(1L, 2L, 3L, 4L, 1))
                .setImageReceivedAt(RECEIVED_AT)
                .setProducedAt(RECEIVED_AT.plusSeconds(1));
    }
}
