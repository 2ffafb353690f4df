package io.radstream.ingest.core;

/** Failure Reason (0008,1197) values of a DICOMweb Store Instances Response (PS3.18, PS3.4 Annex GG). */
public enum FailureReason {
    OUT_OF_RESOURCES(0xA700),
    DATASET_MISMATCH(0xA900),
    CANNOT_UNDERSTAND(0xC000),
    TRANSFER_SYNTAX_NOT_SUPPORTED(0xC122),
    PROCESSING_FAILURE(0x0110),
    SOP_CLASS_NOT_SUPPORTED(0x0122),
    /** The instance's StudyInstanceUID differs from the one in the request path. */
    STUDY_MISMATCH(0xA900),
    /** A different object is already stored under this SOP Instance UID (0111: duplicate SOP instance). */
    CONFLICT(0x0111);

    private final int code;

    FailureReason(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
