package io.radstream.results;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import io.radstream.schemas.events.Finding;
import io.radstream.schemas.events.ImageArrived;
import io.radstream.schemas.events.Artifact;
import io.radstream.schemas.events.ImageArtifact;
import io.radstream.schemas.events.ImageProgress;
import io.radstream.schemas.events.Priority;
import io.radstream.schemas.events.ReportStatus;
import io.radstream.schemas.events.StudyReport;

/**
 * Folds arrivals and findings into a study's report. Pure: it reads no store and no clock. Each
 * fold returns the next revision, or empty when the event changes nothing (a redelivery).
 */
final class ReportFolder {

    private ReportFolder() {
    }

    static Optional<StudyReport> arrival(StudyReport current, ImageArrived arrival, Instant now) {
        requireSameTenant(current, arrival.getTenant());
        StudyReport next = current == null
                ? newReport(arrival.getStudyInstanceUid(), arrival.getTenant(), arrival.getPatientKey(),
                        arrival.getModality(), arrival.getPriority(), arrival.getReceivedAt(), now)
                : ReportCopy.of(current);
        if (indexOf(next, arrival.getSopInstanceUid()) < 0) {
            next.getImages().add(newImage(arrival.getSopInstanceUid(), arrival.getSeriesInstanceUid(),
                    arrival.getReceivedAt()));
        }
        widen(next, arrival.getPriority(), arrival.getReceivedAt());
        return revised(current, next, now);
    }

    /**
     * @param positiveBefore whether a label was already positive on this finding's image (from earlier findings)
     */
    static Optional<StudyReport> finding(StudyReport current, Finding finding, Predicate<String> positiveBefore,
                                         Instant now) {
        FindingFolder.validate(finding);
        requireSameTenant(current, finding.getTenant());
        if (current != null && current.getFindingIds().contains(finding.getFindingId())) {
            return Optional.empty();
        }
        StudyReport next = current == null
                ? newReport(finding.getStudyInstanceUid(), finding.getTenant(), finding.getPatientKey(),
                        finding.getModality(), finding.getPriority(), finding.getImageReceivedAt(), now)
                : ReportCopy.of(current);
        next.getFindingIds().add(finding.getFindingId());
        progress(imageFor(next, finding), finding);
        FindingFolder.fold(next, finding, positiveBefore);
        widen(next, finding.getPriority(), finding.getImageReceivedAt());
        return revised(current, next, now);
    }

    /**
     * Reports are keyed by StudyInstanceUID: an event of another tenant for a study already reported is
     * refused (a dead letter for operators) rather than mixed into that tenant's report.
     */
    private static void requireSameTenant(StudyReport current, String tenant) {
        if (current != null && !current.getTenant().equals(tenant)) {
            throw new BadEventException("Study " + current.getStudyInstanceUid() + " is already reported for another "
                    + "tenant; an event of a second tenant for the same StudyInstanceUID is not mixed into it");
        }
    }

    static StudyReport finalized(StudyReport current, Instant now) {
        StudyReport next = ReportCopy.of(current);
        next.setStatus(ReportStatus.FINAL);
        next.setRevision(current.getRevision() + 1);
        next.setUpdatedAt(now);
        next.setFinalizedAt(now);
        return next;
    }

    static boolean complete(ImageProgress image) {
        return StudyProgress.complete(image);
    }

    private static void progress(ImageProgress image, Finding finding) {
        if (image.getRoutedModels() == null) {
            image.setRoutedModels(new ArrayList<>(finding.getRoutedModels()));
        }
        switch (finding.getOutcome()) {
            case COMPLETED -> {
                if (!image.getCompletedModels().contains(finding.getModel().getId())) {
                    image.getCompletedModels().add(finding.getModel().getId());
                }
                linkArtifacts(image, finding);
            }
            case FAILED -> image.setFailed(true);
            default -> {
            }
        }
    }

    /** The finding's derived images on its image, once each (by object key). */
    private static void linkArtifacts(ImageProgress image, Finding finding) {
        for (Artifact artifact : finding.getArtifacts()) {
            String key = artifact.getObject().getKey();
            if (image.getArtifacts().stream().noneMatch(a -> a.getArtifact().getObject().getKey().equals(key))) {
                image.getArtifacts().add(new ImageArtifact(finding.getModel().getId(), artifact));
            }
        }
    }

    private static Optional<StudyReport> revised(StudyReport current, StudyReport next, Instant now) {
        if (next.equals(current)) {
            return Optional.empty();
        }
        next.setStatus(statusOf(current, next));
        next.setRevision(current == null ? 1 : current.getRevision() + 1);
        next.setUpdatedAt(now);
        return Optional.of(next);
    }

    private static ReportStatus statusOf(StudyReport current, StudyReport next) {
        if (current != null && (current.getStatus() == ReportStatus.FINAL || current.getStatus() == ReportStatus.AMENDED)) {
            return ReportStatus.AMENDED;
        }
        if (next.getFindingIds().isEmpty()) {
            return ReportStatus.RECEIVING;
        }
        return next.getImages().stream().allMatch(ReportFolder::complete) ? ReportStatus.PRELIMINARY : ReportStatus.ANALYZING;
    }

    private static void widen(StudyReport report, Priority priority, Instant receivedAt) {
        if (priority.ordinal() < report.getPriority().ordinal()) {
            report.setPriority(priority);
        }
        if (receivedAt.isBefore(report.getFirstReceivedAt())) {
            report.setFirstReceivedAt(receivedAt);
        }
    }

    /** The finding's image in {@code report} (a copy), editable; added when the finding came first. */
    private static ImageProgress imageFor(StudyReport report, Finding finding) {
        int index = indexOf(report, finding.getSopInstanceUid());
        if (index >= 0) {
            return ReportCopy.editableImage(report, index);
        }
        ImageProgress image = newImage(finding.getSopInstanceUid(), finding.getSeriesInstanceUid(), finding.getImageReceivedAt());
        report.getImages().add(image);
        return image;
    }

    private static int indexOf(StudyReport report, String sopInstanceUid) {
        List<ImageProgress> images = report.getImages();
        for (int i = 0; i < images.size(); i++) {
            if (images.get(i).getSopInstanceUid().equals(sopInstanceUid)) {
                return i;
            }
        }
        return -1;
    }

    private static ImageProgress newImage(String sopInstanceUid, String seriesInstanceUid, Instant receivedAt) {
        return ImageProgress.newBuilder()
                .setSopInstanceUid(sopInstanceUid)
                .setSeriesInstanceUid(seriesInstanceUid)
                .setReceivedAt(receivedAt)
                .setRoutedModels(null)
                .setCompletedModels(new ArrayList<>())
                .setFailed(false)
                .setArtifacts(new ArrayList<>())
                .build();
    }

    private static StudyReport newReport(String study, String tenant, String patientKey, String modality,
                                         Priority priority, Instant firstReceivedAt, Instant now) {
        return StudyReport.newBuilder()
                .setStudyInstanceUid(study)
                .setTenant(tenant)
                .setPatientKey(patientKey)
                .setModality(modality)
                .setPriority(priority)
                .setStatus(ReportStatus.RECEIVING)
                .setRevision(0)
                .setImages(new ArrayList<>())
                .setLabels(new ArrayList<>())
                .setMeasurements(new ArrayList<>())
                .setFindingIds(new ArrayList<>())
                .setModels(new ArrayList<>())
                .setUrgent(false)
                .setFirstReceivedAt(firstReceivedAt)
                .setUpdatedAt(now)
                .setFinalizedAt(null)
                .build();
    }
}
