package io.radstream.ingest.audit;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.RequestScoped;

/** What the current upload request did, filled in by the resources and read by {@link AuditFilter}. */
@RequestScoped
public class UploadAudit {

    private String studyInstanceUid;
    private int stored;
    private final List<Integer> failureReasons = new ArrayList<>();

    /** The study the request was about (the last one stored, or the one in the path). */
    public void study(String uid) {
        if (uid != null) {
            studyInstanceUid = uid;
        }
    }

    /** One instance stored (or already present). */
    public void stored() {
        stored++;
    }

    /** One instance refused with a DICOM FailureReason code. */
    public void failed(int failureReason) {
        failureReasons.add(failureReason);
    }

    String studyInstanceUid() {
        return studyInstanceUid;
    }

    int storedCount() {
        return stored;
    }

    List<Integer> failureReasons() {
        return failureReasons;
    }
}
