package io.radstream.results;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;

import io.radstream.schemas.events.Finding;
import io.radstream.schemas.events.FindingOutcome;
import io.radstream.schemas.events.LabelScore;
import io.radstream.schemas.events.LabelSummary;
import io.radstream.schemas.events.Measurement;
import io.radstream.schemas.events.ModelLabelScore;
import io.radstream.schemas.events.StudyReport;
import io.radstream.schemas.events.Urgency;

/** Folds the scores, measurements and model provenance of a completed finding into a report. */
final class FindingFolder {

    private FindingFolder() {
    }

    /** Refuses a finding whose outcome contradicts its fields (a dead letter for operators). */
    static void validate(Finding finding) {
        switch (finding.getOutcome()) {
            case COMPLETED -> {
                if (finding.getModel() == null) {
                    throw new BadEventException("COMPLETED finding " + finding.getFindingId() + " names no model");
                }
            }
            case NOT_ROUTED -> {
                if (!finding.getRoutedModels().isEmpty()) {
                    throw new BadEventException("NOT_ROUTED finding " + finding.getFindingId() + " lists models");
                }
            }
            default -> {
            }
        }
    }

    static void fold(StudyReport report, Finding finding, Predicate<String> positiveBefore) {
        if (finding.getOutcome() != FindingOutcome.COMPLETED) {
            return;
        }
        Set<String> countedHere = new HashSet<>();
        for (LabelScore score : finding.getScores()) {
            LabelSummary summary = summaryOf(report, score);
            foldScore(summary, score, finding.getModel().getId());
            foldModelCall(summary, score, finding.getModel().getId());
            if (score.getPositive() && !positiveBefore.test(score.getLabel()) && countedHere.add(score.getLabel())) {
                summary.setPositiveImages(summary.getPositiveImages() + 1);
            }
        }
        finding.getMeasurements().forEach(measurement -> addMeasurement(report, measurement));
        SeriesVolumes.fold(report, finding);
        if (!report.getModels().contains(finding.getModel())) {
            report.getModels().add(finding.getModel());
        }
        report.setUrgent(report.getLabels().stream().anyMatch(FindingFolder::urgentPositive));
    }

    static boolean urgent(Urgency urgency) {
        return urgency == Urgency.STAT || urgency == Urgency.URGENT;
    }

    private static void foldScore(LabelSummary summary, LabelScore score, String modelId) {
        if (score.getScore() > summary.getMaxScore()) {
            summary.setMaxScore(score.getScore());
            summary.setThreshold(score.getThreshold());
        }
        summary.setPositive(summary.getPositive() || score.getPositive());
        if (score.getUrgency().ordinal() < summary.getUrgency().ordinal()) {
            summary.setUrgency(score.getUrgency());
        }
        if (!summary.getModels().contains(modelId)) {
            summary.getModels().add(modelId);
        }
    }

    /** Each model's study-level call on the label, and whether the models that share it agree. */
    private static void foldModelCall(LabelSummary summary, LabelScore score, String modelId) {
        ModelLabelScore call = summary.getModelScores().stream()
                .filter(m -> m.getModel().equals(modelId))
                .findFirst()
                .orElse(null);
        if (call == null) {
            summary.getModelScores().add(new ModelLabelScore(modelId, score.getScore(), score.getPositive()));
        } else {
            call.setMaxScore(Math.max(call.getMaxScore(), score.getScore()));
            call.setPositive(call.getPositive() || score.getPositive());
        }
        int models = summary.getModelScores().size();
        long positive = summary.getModelScores().stream().filter(ModelLabelScore::getPositive).count();
        summary.setAgreement((double) Math.max(positive, models - positive) / models);
        summary.setDisagreement(positive > 0 && positive < models);
    }

    private static LabelSummary summaryOf(StudyReport report, LabelScore score) {
        for (LabelSummary summary : report.getLabels()) {
            if (summary.getLabel().equals(score.getLabel())) {
                return summary;
            }
        }
        LabelSummary summary = LabelSummary.newBuilder()
                .setLabel(score.getLabel())
                .setDisplay(score.getDisplay())
                .setCode(score.getCode())
                .setMaxScore(score.getScore())
                .setThreshold(score.getThreshold())
                .setPositive(false)
                .setPositiveImages(0)
                .setUrgency(score.getUrgency())
                .setModels(new ArrayList<>())
                .setModelScores(new ArrayList<>())
                .setAgreement(1.0)
                .setDisagreement(false)
                .build();
        report.getLabels().add(summary);
        return summary;
    }

    private static void addMeasurement(StudyReport report, Measurement measurement) {
        for (Measurement sum : report.getMeasurements()) {
            if (sum.getName().equals(measurement.getName())) {
                sum.setValue(sum.getValue() + measurement.getValue());
                return;
            }
        }
        report.getMeasurements().add(Measurement.newBuilder(measurement).build());
    }

    private static boolean urgentPositive(LabelSummary summary) {
        return summary.getPositive() && urgent(summary.getUrgency());
    }
}
