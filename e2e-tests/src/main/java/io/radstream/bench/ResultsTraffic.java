package io.radstream.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.radstream.schemas.DicomUid;
import io.radstream.schemas.events.Finding;
import io.radstream.schemas.events.FindingOutcome;
import io.radstream.schemas.events.ImageArrived;
import io.radstream.schemas.events.ImageFormat;
import io.radstream.schemas.events.IngestSource;
import io.radstream.schemas.events.LabelScore;
import io.radstream.schemas.events.ModelRef;
import io.radstream.schemas.events.ObjectRef;
import io.radstream.schemas.events.Priority;
import io.radstream.schemas.events.Timings;
import io.radstream.schemas.events.Urgency;

/**
 * Synthetic studies for the results benchmark: each image arrives and gets one finding per model,
 * as inference-service would publish them (a few positive, urgent labels, so alerts are raised too).
 */
final class ResultsTraffic {

    static final String TENANT = "bench";

    /** One study: its arrivals, then its findings (the last finding completes the study). */
    record Study(String uid, List<ImageArrived> arrivals, List<Finding> findings) {
    }

    private final List<String> models;

    ResultsTraffic(int models) {
        this.models = new ArrayList<>();
        for (int m = 0; m < models; m++) {
            this.models.add("bench-model-" + m);
        }
    }

    Study study(int images, boolean positive) {
        String study = DicomUid.random();
        String series = DicomUid.random();
        String patient = UUID.randomUUID().toString().replace("-", "").repeat(2);
        Instant received = Instant.now();
        List<ImageArrived> arrivals = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < images; i++) {
            ImageArrived arrival = arrival(study, series, DicomUid.random(), patient, received);
            arrivals.add(arrival);
            for (String model : models) {
                findings.add(finding(arrival, model, positive && i == 0));
            }
        }
        return new Study(study, arrivals, findings);
    }

    private static ImageArrived arrival(String study, String series, String sop, String patient, Instant received) {
        String key = TENANT + "/" + study + "/" + series + "/" + sop + ".dcm";
        return ImageArrived.newBuilder().setEventId(UUID.randomUUID().toString()).setTenant(TENANT)
                .setStudyInstanceUid(study).setSeriesInstanceUid(series).setSopInstanceUid(sop).setModality("DX")
                .setBodyPart("CHEST").setFormat(ImageFormat.DICOM)
                .setObject(new ObjectRef("radstream-images", key, "application/dicom", 524_288L, "ab".repeat(32)))
                .setPriority(Priority.ROUTINE).setPatientKey(patient).setSource(IngestSource.STOW_RS)
                .setReceivedAt(received).build();
    }

    private Finding finding(ImageArrived image, String model, boolean positive) {
        double score = positive ? 0.93 : 0.04;
        LabelScore label = new LabelScore("pneumothorax", "Pneumothorax", null, score, 0.5, positive, Urgency.STAT);
        return Finding.newBuilder()
                .setFindingId(UUID.nameUUIDFromBytes((image.getSopInstanceUid() + model).getBytes()).toString())
                .setTenant(TENANT).setStudyInstanceUid(image.getStudyInstanceUid())
                .setSeriesInstanceUid(image.getSeriesInstanceUid()).setSopInstanceUid(image.getSopInstanceUid())
                .setPatientKey(image.getPatientKey()).setModality("DX").setBodyPart("CHEST")
                .setPriority(image.getPriority()).setOutcome(FindingOutcome.COMPLETED).setRoutedModels(models)
                .setModel(new ModelRef(model, "1.0.0", "cd".repeat(32), "classification"))
                .setScores(List.of(label)).setUrgent(positive).setTimings(new Timings(1L, 2L, 3L, 4L, 1))
                .setImageReceivedAt(image.getReceivedAt()).setProducedAt(Instant.now()).build();
    }
}
