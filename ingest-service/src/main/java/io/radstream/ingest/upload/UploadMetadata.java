package io.radstream.ingest.upload;

import java.util.Locale;
import java.util.regex.Pattern;

import io.radstream.schemas.DicomUid;
import io.radstream.schemas.events.Priority;

/**
 * The JSON metadata a telemedicine app sends with an image.
 *
 * @param modality          DICOM modality code (CR, DX, CT, MR, US, ...) — required for PNG/JPEG
 * @param bodyPart          DICOM Body Part Examined (CHEST, HEAD, ...)
 * @param priority          STAT, URGENT or ROUTINE; when absent the priority policy decides
 * @param patientRef        the clinic's patient reference; pseudonymised on arrival, never stored in clear
 * @param studyInstanceUid  optional: groups several uploads into one study
 * @param seriesInstanceUid optional
 * @param department        optional: the requesting department (e.g. "Emergency"), for priority routing rules
 */
public record UploadMetadata(String modality, String bodyPart, String priority, String patientRef,
                             String studyInstanceUid, String seriesInstanceUid, String department) {

    private static final Pattern CODE = Pattern.compile("[A-Z0-9_ ]{1,16}");

    /** Checks every field and returns the first problem, or null when the metadata is usable. */
    String problem(boolean dicom) {
        if (!dicom && (modality == null || !CODE.matcher(upper(modality)).matches())) {
            return "metadata.modality is required: a DICOM modality code such as CR, DX, CT or MR";
        }
        if (bodyPart != null && !CODE.matcher(upper(bodyPart)).matches()) {
            return "metadata.bodyPart must be a DICOM body part code such as CHEST or HEAD";
        }
        if (priority != null && !priority.isBlank() && parsedPriority() == null) {
            return "metadata.priority must be STAT, URGENT or ROUTINE";
        }
        if (!dicom && (patientRef == null || patientRef.isBlank() || patientRef.length() > 128)) {
            return "metadata.patientRef is required (1 to 128 characters)";
        }
        if (department != null && department.length() > 64) {
            return "metadata.department must have at most 64 characters";
        }
        if (studyInstanceUid != null && !DicomUid.isValid(studyInstanceUid)) {
            return "metadata.studyInstanceUid is not a valid DICOM UID (digits and dots, at most 64 characters)";
        }
        if (seriesInstanceUid != null && !DicomUid.isValid(seriesInstanceUid)) {
            return "metadata.seriesInstanceUid is not a valid DICOM UID (digits and dots, at most 64 characters)";
        }
        return null;
    }

    /** The requested priority, or null when the metadata names none (or an invalid one). */
    Priority parsedPriority() {
        if (priority == null || priority.isBlank()) {
            return null;
        }
        try {
            return Priority.valueOf(upper(priority));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String upper(String value) {
        return value == null ? null : value.trim().toUpperCase(Locale.ROOT);
    }
}
