package io.radstream.results;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.radstream.schemas.events.AlertEscalated;
import io.radstream.schemas.events.Finding;
import io.radstream.schemas.events.FindingOutcome;
import io.radstream.schemas.events.LabelScore;
import io.radstream.schemas.events.UrgentAlert;

/** The urgent alerts a finding calls for (one per positive STAT/URGENT label) and their escalations. */
public final class Alerts {

    public static final String NOTICE = "Notification only, not for diagnosis.";

    private Alerts() {
    }

    /** The deterministic id of the alert of a (tenant, study, label): a name-based UUID. */
    public static String alertId(String tenant, String studyInstanceUid, String label) {
        return nameUuid(tenant + '\n' + studyInstanceUid + '\n' + label);
    }

    /** The deterministic id of an alert's escalation at a level. */
    public static String escalationId(String alertId, int level) {
        return nameUuid(alertId + "\nescalation\n" + level);
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

    static AlertEscalated escalation(UrgentAlert alert, int level, Instant escalatedAt) {
        return AlertEscalated.newBuilder()
                .setEscalationId(escalationId(alert.getAlertId(), level))
                .setAlertId(alert.getAlertId())
                .setTenant(alert.getTenant())
                .setStudyInstanceUid(alert.getStudyInstanceUid())
                .setLabel(alert.getLabel())
                .setDisplay(alert.getDisplay())
                .setUrgency(alert.getUrgency())
                .setLevel(level)
                .setRaisedAt(alert.getRaisedAt())
                .setEscalatedAt(escalatedAt)
                .setNotice(NOTICE)
                .build();
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

    private static String nameUuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
