package io.radstream.results;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.radstream.schemas.events.Finding;
import io.radstream.schemas.events.FindingOutcome;
import io.radstream.schemas.events.LabelScore;
import io.radstream.schemas.events.UrgentAlert;

/** The urgent alerts a finding calls for: one per positive STAT/URGENT label. */
public final class Alerts {

    public static final String NOTICE = "Notification only, not for diagnosis.";

    private Alerts() {
    }

    /** The deterministic id of the alert of a (tenant, study, label): a name-based UUID. */
    public static String alertId(String tenant, String studyInstanceUid, String label) {
        String name = tenant + '\n' + studyInstanceUid + '\n' + label;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    static List<UrgentAlert> of(Finding finding, Instant raisedAt) {
        if (finding.getOutcome() != FindingOutcome.COMPLETED) {
            return List.of();
        }
        Map<String, LabelScore> strongest = new LinkedHashMap<>();
        for (LabelScore score : finding.getScores()) {
            if (score.getPositive() && FindingFolder.urgent(score.getUrgency())) {
                strongest.merge(score.getLabel(), score, (a, b) -> a.getScore() >= b.getScore() ? a : b);
            }
        }
        return strongest.values().stream().map(score -> alert(finding, score, raisedAt)).toList();
    }

    private static UrgentAlert alert(Finding finding, LabelScore score, Instant raisedAt) {
        return UrgentAlert.newBuilder()
                .setAlertId(alertId(finding.getTenant(), finding.getStudyInstanceUid(), score.getLabel()))
                .setTenant(finding.getTenant())
                .setStudyInstanceUid(finding.getStudyInstanceUid())
                .setSopInstanceUid(finding.getSopInstanceUid())
                .setPatientKey(finding.getPatientKey())
                .setLabel(score.getLabel())
                .setDisplay(score.getDisplay())
                .setScore(score.getScore())
                .setThreshold(score.getThreshold())
                .setUrgency(score.getUrgency())
                .setModel(finding.getModel())
                .setFindingId(finding.getFindingId())
                .setImageReceivedAt(finding.getImageReceivedAt())
                .setRaisedAt(raisedAt)
                .setNotice(NOTICE)
                .build();
    }
}
