package io.radstream.ingest.core;

import java.io.IOException;
import java.io.InputStream;

import jakarta.enterprise.context.ApplicationScoped;

import io.radstream.dicom.DicomHeader;
import io.radstream.dicom.DicomParseException;
import io.radstream.dicom.DicomReader;
import io.radstream.schemas.DicomUid;

/**
 * Decides whether a spooled object is a DICOM image instance RadStream can store, and if not, which
 * PS3.18 failure reason applies. The whole object is decoded once, so truncated or inconsistent pixel
 * data is refused here rather than discovered by inference later.
 */
@ApplicationScoped
public class DicomInstanceInspector {

    private final DicomReader reader = DicomReader.create();

    public Inspection inspect(SpooledFile file) {
        try {
            DicomHeader header = readHeader(file);
            if (!header.isImage()) {
                return Inspection.refused(FailureReason.SOP_CLASS_NOT_SUPPORTED, "SOP Class " + header.sopClassUid()
                        + " has no image pixel data; RadStream stores images only");
            }
            try (InputStream in = file.open()) {
                return check(reader.readImage(in).header());
            }
        } catch (DicomParseException e) {
            return Inspection.refused(reasonFor(e), e.getMessage());
        } catch (IOException e) {
            return Inspection.refused(FailureReason.PROCESSING_FAILURE, "Cannot read spooled instance: " + e.getMessage());
        }
    }

    private DicomHeader readHeader(SpooledFile file) throws IOException, DicomParseException {
        try (InputStream in = file.open()) {
            return reader.readHeader(in);
        }
    }

    private static Inspection check(DicomHeader header) {
        for (String uid : new String[] {header.studyInstanceUid(), header.seriesInstanceUid(), header.sopInstanceUid()}) {
            if (!DicomUid.isValid(uid)) {
                return Inspection.refused(FailureReason.DATASET_MISMATCH, "Missing or invalid UID: " + printable(uid));
            }
        }
        if (header.modality() == null || header.modality().isBlank()) {
            return Inspection.refused(FailureReason.DATASET_MISMATCH, "Modality (0008,0060) is missing");
        }
        return Inspection.accepted(header);
    }

    static FailureReason reasonFor(DicomParseException e) {
        return switch (e.reason()) {
            case UNSUPPORTED_TRANSFER_SYNTAX -> FailureReason.TRANSFER_SYNTAX_NOT_SUPPORTED;
            case DATASET_MISMATCH -> FailureReason.DATASET_MISMATCH;
            case TOO_LARGE -> FailureReason.OUT_OF_RESOURCES;
            case CANNOT_UNDERSTAND -> FailureReason.CANNOT_UNDERSTAND;
        };
    }

    private static String printable(String uid) {
        if (uid == null) {
            return "(absent)";
        }
        String clipped = uid.length() > 70 ? uid.substring(0, 70) + "…" : uid;
        return clipped.replaceAll("[^\\x20-\\x7E]", "?");
    }

    /** The verdict on one instance: accepted with its header, or refused with a reason. */
    public record Inspection(DicomHeader header, FailureReason failure, String message) {
        static Inspection accepted(DicomHeader header) {
            return new Inspection(header, null, null);
        }

        static Inspection refused(FailureReason failure, String message) {
            return new Inspection(null, failure, message);
        }

        public boolean isAccepted() {
            return failure == null;
        }
    }
}
