package io.radstream.ingest.stow;

import io.radstream.ingest.core.FailureReason;

/** What became of one part of a STOW-RS request, recorded in the {@link StowResult} in request order. */
sealed interface PartOutcome {

    /** Records this outcome in the response. */
    void applyTo(StowResult result);

    /** The StudyInstanceUID of a stored part, else null. */
    String storedStudy();

    static PartOutcome stored(String sopClassUid, String sopInstanceUid, String retrieveUrl, String studyInstanceUid) {
        return new Stored(sopClassUid, sopInstanceUid, retrieveUrl, studyInstanceUid);
    }

    static PartOutcome failed(String sopClassUid, String sopInstanceUid, FailureReason reason, String message) {
        return new Failed(sopClassUid, sopInstanceUid, reason, message, false);
    }

    /** The image store or Kafka failed for this part: nothing of it was kept and the rest is not attempted. */
    static PartOutcome unavailable(String sopClassUid, String sopInstanceUid, String message) {
        return new Failed(sopClassUid, sopInstanceUid, FailureReason.PROCESSING_FAILURE, message, true);
    }

    record Stored(String sopClassUid, String sopInstanceUid, String retrieveUrl, String studyInstanceUid)
            implements PartOutcome {
        @Override
        public void applyTo(StowResult result) {
            result.stored(sopClassUid, sopInstanceUid, retrieveUrl);
        }

        @Override
        public String storedStudy() {
            return studyInstanceUid;
        }
    }

    record Failed(String sopClassUid, String sopInstanceUid, FailureReason reason, String message, boolean unavailable)
            implements PartOutcome {
        @Override
        public void applyTo(StowResult result) {
            if (unavailable) {
                result.markUnavailable();
            }
            result.failed(sopClassUid, sopInstanceUid, reason, message);
        }

        @Override
        public String storedStudy() {
            return null;
        }
    }
}
