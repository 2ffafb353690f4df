package io.radstream.dicom;

import java.util.Objects;

/**
  * The only exception a {@link DicomReader} throws. The {@link Reason} maps onto the DICOM
  * storage failure classes (PS3.4 / PS3.18 FailureReason), so ingest can answer STOW-RS clients
  * without re-classifying. Messages name tags and offsets, never attribute values (no PHI).
  */
public final class DicomParseException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why an object was refused. */
    public enum Reason {
        /** Cxxx: not DICOM, truncated, bad VR, bad length, pixel data inconsistent with its header. */
        CANNOT_UNDERSTAND(0xC000),
        /** C122: the transfer syntax is unknown or its pixel data cannot be decoded here. */
        UNSUPPORTED_TRANSFER_SYNTAX(0xC122),
        /** A9xx: required attributes missing or invalid, pixel module inconsistent. */
        DATASET_MISMATCH(0xA900),
        /** A7xx: beyond the configured {@link DicomLimits}. */
        TOO_LARGE(0xA700);

        private final int failureReason;

        Reason(int failureReason) {
            this.failureReason = failureReason;
        }

        /** The DICOM FailureReason (0008,1197) status code for this reason, e.g. {@code 0xC122}. */
        public int failureReason() {
            return failureReason;
        }
    }

    private final Reason reason;

    /** Creates an exception for {@code reason} with a value-free diagnostic message. */
    public DicomParseException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Creates an exception for {@code reason} wrapping the low-level {@code cause}. */
    public DicomParseException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Why the object was refused. */
    public Reason reason() {
        return reason;
    }

    @Override
    public String toString() {
        return "DicomParseException[" + reason + "]: " + getMessage();
    }

    static DicomParseException cannotUnderstand(String message) {
        return new DicomParseException(Reason.CANNOT_UNDERSTAND, message);
    }

    static DicomParseException mismatch(String message) {
        return new DicomParseException(Reason.DATASET_MISMATCH, message);
    }

    static DicomParseException tooLarge(String message) {
        return new DicomParseException(Reason.TOO_LARGE, message);
    }

    static DicomParseException unsupported(String message) {
        return new DicomParseException(Reason.UNSUPPORTED_TRANSFER_SYNTAX, message);
    }
}
