package io.radstream.results.api;

import java.time.Instant;
import java.util.List;

import io.radstream.results.Alerts;
import io.radstream.results.StudyProgress;
import io.radstream.schemas.events.ImageArtifact;
import io.radstream.schemas.events.ImageProgress;
import io.radstream.schemas.events.LabelSummary;
import io.radstream.schemas.events.Measurement;
import io.radstream.schemas.events.PriorComparison;
import io.radstream.schemas.events.StudyReport;

/** A study's AI triage report as the API shows it. */
public record StudyReportView(String studyInstanceUid, String tenant, String patientKey, String modality,
                              String priority, String status, int revision, boolean urgent,
                              Instant firstReceivedAt, Instant updatedAt, Instant finalizedAt,
                              List<Image> images, List<Label> labels, List<MeasurementSum> measurements,
                              List<ModelView> models, List<String> findingIds, StudyProgress progress,
                              Prior prior, String notice) {

    /** The previous final report of the same patient and modality, and the labels new, persistent and resolved since. */
    public record Prior(String studyInstanceUid, Instant finalizedAt, List<String> newLabels,
                        List<String> persistentLabels, List<String> resolvedLabels) {
    }

    /** Analysis progress of one image. */
    public record Image(String sopInstanceUid, String seriesInstanceUid, Instant receivedAt,
                        List<String> routedModels, List<String> completedModels, boolean failed,
                        List<DerivedImage> artifacts) {
    }

    /**
     * One label over all images of the study: the study score (max over images), the positive
     * images, each model's call, and whether the models that share the label disagree.
     */
    public record Label(String label, String display, String code, double maxScore, double threshold,
                        boolean positive, int positiveImages, String urgency, List<String> models,
                        List<ModelCall> modelScores, double agreement, boolean disagreement) {
    }

    /** One model's study-level call on a label. */
    /** A derived image (HEATMAP, MASK, ENHANCED) of one image, served at {@code url} (bearer token required). */
    public record DerivedImage(String kind, String label, String model, String contentType, String url) {
    }

    public record ModelCall(String model, double maxScore, boolean positive) {
    }

    /** A measurement summed over the study, or over one series when {@code seriesInstanceUid} is set. */
    public record MeasurementSum(String name, double value, String unit, String seriesInstanceUid) {
    }

    static StudyReportView from(StudyReport report) {
        return new StudyReportView(report.getStudyInstanceUid(), report.getTenant(), report.getPatientKey(),
                report.getModality(), report.getPriority().name(), report.getStatus().name(), report.getRevision(),
                report.getUrgent(), report.getFirstReceivedAt(), report.getUpdatedAt(), report.getFinalizedAt(),
                report.getImages().stream().map(image -> image(report.getStudyInstanceUid(), image)).toList(),
                report.getLabels().stream().map(StudyReportView::label).toList(),
                report.getMeasurements().stream().map(StudyReportView::measurement).toList(),
                report.getModels().stream().map(ModelView::from).toList(),
                List.copyOf(report.getFindingIds()), StudyProgress.of(report), prior(report.getPrior()), Alerts.NOTICE);
    }

    private static Prior prior(PriorComparison prior) {
        return prior == null ? null : new Prior(prior.getStudyInstanceUid(), prior.getFinalizedAt(),
                List.copyOf(prior.getNewLabels()), List.copyOf(prior.getPersistentLabels()),
                List.copyOf(prior.getResolvedLabels()));
    }

    private static Image image(String study, ImageProgress image) {
        List<DerivedImage> artifacts = new java.util.ArrayList<>();
        for (int n = 0; n < image.getArtifacts().size(); n++) {
            ImageArtifact a = image.getArtifacts().get(n);
            artifacts.add(new DerivedImage(a.getArtifact().getKind().name(), a.getArtifact().getLabel(), a.getModel(),
                    a.getArtifact().getObject().getContentType(),
                    "/api/v1/studies/" + study + "/images/" + image.getSopInstanceUid() + "/artifacts/" + n));
        }
        return new Image(image.getSopInstanceUid(), image.getSeriesInstanceUid(), image.getReceivedAt(),
                image.getRoutedModels() == null ? null : List.copyOf(image.getRoutedModels()),
                List.copyOf(image.getCompletedModels()), image.getFailed(), artifacts);
    }

    private static Label label(LabelSummary label) {
        return new Label(label.getLabel(), label.getDisplay(), label.getCode(), label.getMaxScore(),
                label.getThreshold(), label.getPositive(), label.getPositiveImages(), label.getUrgency().name(),
                List.copyOf(label.getModels()),
                label.getModelScores().stream().map(m -> new ModelCall(m.getModel(), m.getMaxScore(), m.getPositive())).toList(),
                label.getAgreement(), label.getDisagreement());
    }

    private static MeasurementSum measurement(Measurement measurement) {
        return new MeasurementSum(measurement.getName(), measurement.getValue(), measurement.getUnit(),
                measurement.getSeriesInstanceUid());
    }
}
