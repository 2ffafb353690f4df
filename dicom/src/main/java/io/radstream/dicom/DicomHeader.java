package io.radstream.dicom;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
  * The attributes RadStream needs from a DICOM object, read from the data set up to (not
  * including) Pixel Data. Strings are ISO-8859-1 decoded, trailing spaces/NULs trimmed, first value
  * only, and {@code null} when absent or empty. Pixel module integers are 0 when absent (objects
  * without pixel data). For enhanced multi-frame objects, geometry, rescale and window values come
  * from the top level, else the Shared, else the first Per-Frame Functional Group.
  * Arrays are copied in and out, so instances are immutable. {@link #toString()} omits the
  * patient identifiers and the study date so a header can be logged.
  *
  * @param transferSyntaxUid         (0002,0010), or the syntax sniffed for a file without File Meta
  * @param rescaleSlope              (0028,1053), 1 when absent
  * @param rescaleIntercept          (0028,1052), 0 when absent
  * @param windowCenter              first value of (0028,1050), null when absent or malformed
  * @param windowWidth               first value of (0028,1051), null when absent or malformed
  * @param pixelSpacing              (0028,0030) as [row spacing, column spacing] in mm, or null
  * @param imagePositionPatient      (0020,0032) x, y, z in mm, or null
  * @param imageOrientationPatient   (0020,0037) row then column direction cosines (6 values), or null
  * @param numberOfFrames            (0028,0008), 1 for an image without it, 0 without pixel data
  * @param hasPixelData              whether top-level (7FE0,0010) Pixel Data is present
  * @param requestedProcedurePriority (0040,1003): STAT, HIGH, ROUTINE, MEDIUM or LOW, or null; the top-level
  *                                   value, else the most urgent one in the first items of the Request
  *                                   Attributes Sequence (0040,0275), where images normally carry it
  * @param studyPriorityId           top-level (0032,000C) (retired, still sent): HIGH, MED or LOW, or null
  * @param institutionalDepartmentName (0008,1040), e.g. the emergency department, or null
  * @param requestingService         (0032,1033), or null
  */
public record DicomHeader(
        String transferSyntaxUid, String sopClassUid, String sopInstanceUid, String studyInstanceUid,
        String seriesInstanceUid, String modality, String bodyPartExamined, String patientId,
        String accessionNumber, String studyDate,
        int rows, int columns, int numberOfFrames, int samplesPerPixel, int bitsAllocated,
        int bitsStored, int pixelRepresentation, int planarConfiguration,
        String photometricInterpretation,
        double rescaleSlope, double rescaleIntercept,
        Double windowCenter, Double windowWidth,
        double[] pixelSpacing,
        Double sliceThickness, Double spacingBetweenSlices, double[] imagePositionPatient,
        double[] imageOrientationPatient, boolean hasPixelData,
        String requestedProcedurePriority, String studyPriorityId, String institutionalDepartmentName,
        String requestingService) {

    /** Copies the arrays so that the record stays immutable. */
    public DicomHeader {
        pixelSpacing = pixelSpacing == null ? null : pixelSpacing.clone();
        imagePositionPatient = imagePositionPatient == null ? null : imagePositionPatient.clone();
        imageOrientationPatient = imageOrientationPatient == null ? null : imageOrientationPatient.clone();
    }

    /** Whether this object carries a decodable image: pixel data with non-zero rows and columns. */
    public boolean isImage() {
        return hasPixelData && rows > 0 && columns > 0;
    }

    /** Pixel spacing [row, column] in mm (a copy), or null. */
    @Override
    public double[] pixelSpacing() {
        return pixelSpacing == null ? null : pixelSpacing.clone();
    }

    /** Image Position (Patient) [x, y, z] in mm (a copy), or null. */
    @Override
    public double[] imagePositionPatient() {
        return imagePositionPatient == null ? null : imagePositionPatient.clone();
    }

    /** Image Orientation (Patient): row direction cosines then column direction cosines (a copy), or null. */
    @Override
    public double[] imageOrientationPatient() {
        return imageOrientationPatient == null ? null : imageOrientationPatient.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DicomHeader h
                && Objects.equals(loggable(), h.loggable())
                && Objects.equals(patientId, h.patientId)
                && Objects.equals(accessionNumber, h.accessionNumber)
                && Objects.equals(studyDate, h.studyDate)
                && Arrays.equals(pixelSpacing, h.pixelSpacing)
                && Arrays.equals(imagePositionPatient, h.imagePositionPatient)
                && Arrays.equals(imageOrientationPatient, h.imageOrientationPatient);
    }

    @Override
    public int hashCode() {
        return Objects.hash(loggable(), patientId, accessionNumber, studyDate,
                Arrays.hashCode(pixelSpacing), Arrays.hashCode(imagePositionPatient),
                Arrays.hashCode(imageOrientationPatient));
    }

    /**
      * All components except Patient ID, Accession Number and Study Date (PHI under HIPAA), so a
      * header can be logged.
      */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("DicomHeader[");
        List<Object> values = loggable();
        for (int i = 0; i < values.size(); i++) {
            text.append(LOGGABLE_NAMES.get(i)).append('=').append(values.get(i)).append(", ");
        }
        return text.append("pixelSpacing=").append(Arrays.toString(pixelSpacing))
                .append(", imagePositionPatient=").append(Arrays.toString(imagePositionPatient))
                .append(", imageOrientationPatient=").append(Arrays.toString(imageOrientationPatient))
                .append(']').toString();
    }

    private static final List<String> LOGGABLE_NAMES = List.of("transferSyntaxUid", "sopClassUid",
            "sopInstanceUid", "studyInstanceUid", "seriesInstanceUid", "modality", "bodyPartExamined",
            "rows", "columns", "numberOfFrames", "samplesPerPixel", "bitsAllocated", "bitsStored",
            "pixelRepresentation", "planarConfiguration", "photometricInterpretation", "rescaleSlope",
            "rescaleIntercept", "windowCenter", "windowWidth", "sliceThickness", "spacingBetweenSlices",
            "hasPixelData", "requestedProcedurePriority", "studyPriorityId", "institutionalDepartmentName",
            "requestingService");

    private List<Object> loggable() {
        return Arrays.asList(transferSyntaxUid, sopClassUid, sopInstanceUid, studyInstanceUid,
                seriesInstanceUid, modality, bodyPartExamined, rows, columns, numberOfFrames,
                samplesPerPixel, bitsAllocated, bitsStored, pixelRepresentation, planarConfiguration,
                photometricInterpretation, rescaleSlope, rescaleIntercept, windowCenter, windowWidth,
                sliceThickness, spacingBetweenSlices, hasPixelData, requestedProcedurePriority, studyPriorityId,
                institutionalDepartmentName, requestingService);
    }
}
