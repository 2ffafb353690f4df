package io.radstream.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import io.radstream.schemas.events.LabelSummary;
import io.radstream.schemas.events.PriorComparison;
import io.radstream.schemas.events.StudyReport;

/**
 * Compares a report with the previous final report of the same pseudonymous patient and modality
 * (from the global priors store): each label positive now is new or persistent, each label
 * positive then and scored negative now is resolved. The prior is fixed once attached, so later
 * revisions keep comparing against the same study.
 */
final class Priors {

    private Priors() {
    }

    /** The key of a report on the priors topic: tenant, pseudonymous patient and modality. */
    static String key(StudyReport report) {
        return report.getTenant() + '/' + report.getPatientKey() + '/' + report.getModality().toUpperCase(Locale.ROOT);
    }

    /** Attaches (if not yet) the prior found by {@code latestFinal} and recomputes the label comparison. */
    static void compare(StudyReport report, Function<String, StudyReport> latestFinal) {
        PriorComparison prior = report.getPrior();
        if (prior == null) {
            StudyReport previous = latestFinal.apply(key(report));
            if (!isPriorOf(previous, report)) {
                return;
            }
            prior = PriorComparison.newBuilder()
                    .setStudyInstanceUid(previous.getStudyInstanceUid())
                    .setFinalizedAt(previous.getFinalizedAt())
                    .setPositiveLabels(positive(previous))
                    .setNewLabels(new ArrayList<>())
                    .setPersistentLabels(new ArrayList<>())
                    .setResolvedLabels(new ArrayList<>())
                    .build();
            report.setPrior(prior);
        }
        List<String> then = prior.getPositiveLabels();
        List<String> now = positive(report);
        prior.setNewLabels(now.stream().filter(label -> !then.contains(label)).toList());
        prior.setPersistentLabels(now.stream().filter(then::contains).toList());
        prior.setResolvedLabels(report.getLabels().stream()
                .filter(label -> !label.getPositive() && then.contains(label.getLabel()))
                .map(LabelSummary::getLabel)
                .toList());
    }

    private static boolean isPriorOf(StudyReport previous, StudyReport report) {
        return previous != null
                && previous.getFinalizedAt() != null
                && !previous.getStudyInstanceUid().equals(report.getStudyInstanceUid())
                && !previous.getFirstReceivedAt().isAfter(report.getFirstReceivedAt());
    }

    private static List<String> positive(StudyReport report) {
        return report.getLabels().stream().filter(LabelSummary::getPositive).map(LabelSummary::getLabel).toList();
    }
}
