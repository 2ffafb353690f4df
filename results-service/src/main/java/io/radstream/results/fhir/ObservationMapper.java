package io.radstream.results.fhir;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;

import io.radstream.results.Alerts;
import io.radstream.schemas.events.LabelSummary;
import io.radstream.schemas.events.Measurement;
import io.radstream.schemas.events.ModelLabelScore;
import io.radstream.schemas.events.ModelRef;
import io.radstream.schemas.events.StudyReport;

/** One Observation per AI label (with one member per model) and per summed measurement, and a Device per model. */
final class ObservationMapper {

    private ObservationMapper() {
    }

    /**
     * The label's study score as a probability, POS/NEG against its threshold, derived from the
     * imaging study; each model's own call is a member Observation with that model as its Device.
     * Returns the label Observation first, then its members.
     */
    static List<Observation> label(StudyReport report, LabelSummary label, String id, String imagingStudyId,
                                   Function<String, String> deviceIdOfModel) {
        Observation observation = base(report, id, imagingStudyId);
        observation.setCode(labelCode(label));
        observation.setValue(Fhir.quantity(label.getMaxScore(), "1"));
        observation.addInterpretation(interpretation(label.getPositive()));
        observation.addComponent()
                .setCode(Fhir.concept(Fhir.LABEL, "positive-images", "Images positive for " + label.getDisplay()))
                .setValue(new IntegerType(label.getPositiveImages()));
        observation.addNote().setText("Threshold " + label.getThreshold() + (label.getDisagreement()
                ? "; the models that share this label disagree (agreement " + label.getAgreement() + ")" : "")
                + ". " + Alerts.NOTICE);
        List<Observation> all = new ArrayList<>(List.of(observation));
        if (label.getModelScores().isEmpty() && !label.getModels().isEmpty()) {
            observation.setDevice(Fhir.contained(deviceIdOfModel.apply(label.getModels().get(0))));
        }
        for (ModelLabelScore call : label.getModelScores()) {
            Observation member = base(report, id + "-" + (all.size()), imagingStudyId);
            member.setCode(labelCode(label));
            member.setValue(Fhir.quantity(call.getMaxScore(), "1"));
            member.addInterpretation(interpretation(call.getPositive()));
            member.setDevice(Fhir.contained(deviceIdOfModel.apply(call.getModel())));
            observation.addHasMember(Fhir.contained(member.getIdElement().getIdPart()));
            all.add(member);
        }
        return all;
    }

    static Observation measurement(StudyReport report, Measurement measurement, String id, String imagingStudyId) {
        Observation observation = base(report, id, imagingStudyId);
        observation.setCode(Fhir.concept(Fhir.MEASUREMENT, measurement.getName(), measurement.getName()));
        observation.setValue(Fhir.quantity(measurement.getValue(), measurement.getUnit()));
        observation.addNote().setText((measurement.getSeriesInstanceUid() == null ? "Summed over the study. "
                : "Over series " + measurement.getSeriesInstanceUid() + ": lesion areas of its slices times the slice spacing. ")
                + Alerts.NOTICE);
        return observation;
    }

    /** The model that ran, exactly: id, version and the SHA-256 of its ONNX file. */
    static Device device(ModelRef model, String id) {
        Device device = new Device();
        device.setId(id);
        device.addIdentifier().setSystem(Fhir.MODEL).setValue(model.getId());
        device.addIdentifier().setSystem(Fhir.MODEL_SHA256).setValue(model.getSha256());
        device.addDeviceName().setName(model.getId()).setType(Device.DeviceNameType.MODELNAME);
        device.addVersion().setValue(model.getVersion());
        device.setType(new CodeableConcept().setText("AI model (" + model.getTask() + ")"));
        device.addNote().setText(Alerts.NOTICE);
        return device;
    }

    private static Observation base(StudyReport report, String id, String imagingStudyId) {
        Observation observation = new Observation();
        observation.setId(id);
        observation.setStatus(Observation.ObservationStatus.fromCode(Fhir.statusCode(report.getStatus())));
        observation.addCategory(Fhir.concept(Fhir.OBSERVATION_CATEGORY, "imaging", "Imaging"));
        observation.setSubject(Fhir.subject(report.getPatientKey()));
        observation.setIssued(Fhir.date(report.getUpdatedAt()));
        observation.addDerivedFrom(Fhir.contained(imagingStudyId));
        return observation;
    }

    static CodeableConcept labelCode(LabelSummary label) {
        CodeableConcept code = new CodeableConcept().setText(label.getDisplay());
        if (label.getCode() != null) {
            code.addCoding(new Coding(Fhir.SNOMED, label.getCode(), label.getDisplay()));
        }
        code.addCoding(new Coding(Fhir.LABEL, label.getLabel(), label.getDisplay()));
        return code;
    }

    private static CodeableConcept interpretation(boolean positive) {
        return positive ? Fhir.concept(Fhir.INTERPRETATION, "POS", "Positive")
                : Fhir.concept(Fhir.INTERPRETATION, "NEG", "Negative");
    }
}
