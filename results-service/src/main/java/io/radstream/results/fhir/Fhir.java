package io.radstream.results.fhir;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Date;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;

import io.radstream.schemas.events.ReportStatus;

/** Code systems and small builders shared by the FHIR mappers. */
final class Fhir {

    static final String DICOM_UID = "urn:dicom:uid";
    static final String DICOM_MODALITY = "http://dicom.nema.org/resources/ontology/DCM";
    static final String PSEUDONYM = "urn:radstream:patient-pseudonym";
    static final String LABEL = "urn:radstream:label";
    static final String MODEL = "urn:radstream:model";
    static final String MODEL_SHA256 = "urn:radstream:model-sha256";
    static final String MEASUREMENT = "urn:radstream:measurement";
    static final String SNOMED = "http://snomed.info/sct";
    static final String LOINC = "http://loinc.org";
    static final String UCUM = "http://unitsofmeasure.org";
    static final String INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";
    static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
    static final String DIAGNOSTIC_SERVICE = "http://terminology.hl7.org/CodeSystem/v2-0074";

    private Fhir() {
    }

    /** The study's identifier as DICOM puts UIDs into URIs. */
    static String studyIdentifier(String studyInstanceUid) {
        return "urn:oid:" + studyInstanceUid;
    }

    /** The pseudonymous patient: a logical reference by the keyed HMAC, never a name or MRN. */
    static Reference subject(String patientKey) {
        Reference subject = new Reference();
        subject.getIdentifier().setSystem(PSEUDONYM).setValue(patientKey);
        subject.setType("Patient");
        return subject;
    }

    static Reference contained(String id) {
        return new Reference("#" + id);
    }

    static CodeableConcept concept(String system, String code, String display) {
        return new CodeableConcept().addCoding(new Coding(system, code, display)).setText(display);
    }

    static Quantity quantity(double value, String ucum) {
        return new Quantity().setValue(BigDecimal.valueOf(value)).setUnit(ucum).setSystem(UCUM).setCode(ucum);
    }

    static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    /** FHIR status code (DiagnosticReport and Observation share them) of a report status. */
    static String statusCode(ReportStatus status) {
        return switch (status) {
            case RECEIVING -> "registered";
            case ANALYZING -> "preliminary";
            case PRELIMINARY -> "preliminary";
            case FINAL -> "final";
            case AMENDED -> "amended";
        };
    }
}
