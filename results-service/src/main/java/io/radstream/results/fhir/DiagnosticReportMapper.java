package io.radstream.results.fhir;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Observation;

import io.radstream.results.Alerts;
import io.radstream.schemas.events.ImageProgress;
import io.radstream.schemas.events.LabelSummary;
import io.radstream.schemas.events.ModelRef;
import io.radstream.schemas.events.StudyReport;

/**
 * A study's AI triage report as a FHIR R4 DiagnosticReport (id = StudyInstanceUID), with the
 * imaging study, one Observation per label and per measurement and a Device per model contained.
 */
public final class DiagnosticReportMapper {

    static final String IMAGING_STUDY_ID = "imaging-study";

    private DiagnosticReportMapper() {
    }

    public static DiagnosticReport map(StudyReport report) {
        DiagnosticReport fhir = new DiagnosticReport();
        fhir.setId(report.getStudyInstanceUid());
        fhir.setMeta(new Meta().setVersionId(Integer.toString(report.getRevision()))
                .setLastUpdated(Fhir.date(report.getUpdatedAt())));
        fhir.addIdentifier().setSystem(Fhir.DICOM_UID).setValue(Fhir.studyIdentifier(report.getStudyInstanceUid()));
        fhir.setStatus(DiagnosticReport.DiagnosticReportStatus.fromCode(Fhir.statusCode(report.getStatus())));
        fhir.addCategory(Fhir.concept(Fhir.DIAGNOSTIC_SERVICE, "RAD", "Radiology"));
        fhir.setCode(Fhir.concept(Fhir.LOINC, "18748-4", "Diagnostic imaging study"));
        fhir.setSubject(Fhir.subject(report.getPatientKey()));
        fhir.setEffective(new DateTimeType(Fhir.date(report.getFirstReceivedAt())));
        fhir.setIssued(Fhir.date(report.getUpdatedAt()));

        fhir.addContained(imagingStudy(report));
        fhir.addImagingStudy(Fhir.contained(IMAGING_STUDY_ID));
        Map<String, String> deviceIds = new LinkedHashMap<>();
        Function<String, String> deviceId = model -> deviceIds.computeIfAbsent(model, m -> "model-" + (deviceIds.size() + 1));
        for (int i = 0; i < report.getLabels().size(); i++) {
            List<Observation> observations =
                    ObservationMapper.label(report, report.getLabels().get(i), "label-" + (i + 1), IMAGING_STUDY_ID, deviceId);
            observations.forEach(fhir::addContained);
            fhir.addResult(Fhir.contained(observations.get(0).getIdElement().getIdPart()));
        }
        for (int i = 0; i < report.getMeasurements().size(); i++) {
            String id = "measurement-" + (i + 1);
            fhir.addContained(ObservationMapper.measurement(report, report.getMeasurements().get(i), id, IMAGING_STUDY_ID));
            fhir.addResult(Fhir.contained(id));
        }
        deviceIds.forEach((model, id) -> fhir.addContained(ObservationMapper.device(modelRef(report, model), id)));
        List<LabelSummary> positive = report.getLabels().stream().filter(LabelSummary::getPositive).toList();
        positive.forEach(label -> fhir.addConclusionCode(ObservationMapper.labelCode(label)));
        fhir.setConclusion(conclusion(positive));
        return fhir;
    }

    /** A searchset Bundle of the given reports, each with its full URL under {@code base}. */
    public static Bundle searchset(List<StudyReport> reports, String base) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET).setTotal(reports.size());
        for (StudyReport report : reports) {
            bundle.addEntry()
                    .setFullUrl(base + "DiagnosticReport/" + report.getStudyInstanceUid())
                    .setResource(map(report))
                    .getSearch().setMode(Bundle.SearchEntryMode.MATCH);
        }
        return bundle;
    }

    private static ImagingStudy imagingStudy(StudyReport report) {
        ImagingStudy study = new ImagingStudy();
        study.setId(IMAGING_STUDY_ID);
        study.addIdentifier().setSystem(Fhir.DICOM_UID).setValue(Fhir.studyIdentifier(report.getStudyInstanceUid()));
        study.setStatus(ImagingStudy.ImagingStudyStatus.AVAILABLE);
        study.setSubject(Fhir.subject(report.getPatientKey()));
        study.setStarted(Fhir.date(report.getFirstReceivedAt()));
        study.setNumberOfInstances(report.getImages().size());
        study.addModality(new org.hl7.fhir.r4.model.Coding(Fhir.DICOM_MODALITY, report.getModality(), null));
        Map<String, Long> instancesPerSeries = report.getImages().stream()
                .collect(Collectors.groupingBy(ImageProgress::getSeriesInstanceUid, LinkedHashMap::new, Collectors.counting()));
        instancesPerSeries.forEach((series, count) -> study.addSeries()
                .setUid(series)
                .setModality(new org.hl7.fhir.r4.model.Coding(Fhir.DICOM_MODALITY, report.getModality(), null))
                .setNumberOfInstances(count.intValue()));
        study.setNumberOfSeries(instancesPerSeries.size());
        return study;
    }

    /** The model's full provenance from the report (a bare id for reports older than their models list). */
    private static ModelRef modelRef(StudyReport report, String model) {
        return report.getModels().stream().filter(m -> m.getId().equals(model)).findFirst()
                .orElseGet(() -> new ModelRef(model, "unknown", "unknown", "unknown"));
    }

    private static String conclusion(List<LabelSummary> positive) {
        String findings = positive.isEmpty() ? "no finding above its model's threshold"
                : positive.stream()
                        .map(l -> l.getDisplay() + " (score " + l.getMaxScore() + ", " + l.getPositiveImages() + " image(s)"
                                + (l.getDisagreement() ? ", models disagree" : "") + ")")
                        .collect(Collectors.joining("; "));
        return "AI triage: " + findings + ". " + Alerts.NOTICE;
    }
}
