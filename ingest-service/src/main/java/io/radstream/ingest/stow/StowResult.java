package io.radstream.ingest.stow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.radstream.ingest.core.FailureReason;

/** The outcome of every instance of one STOW-RS request, rendered as a DICOM JSON Store Instances Response. */
final class StowResult {

    private final List<Map<String, Object>> referenced = new ArrayList<>();
    private final List<Map<String, Object>> failed = new ArrayList<>();
    private final List<String> messages = new ArrayList<>();
    private final List<Integer> failureCodes = new ArrayList<>();
    private boolean unavailable;

    void stored(String sopClassUid, String sopInstanceUid, String retrieveUrl) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("00081150", element("UI", sopClassUid));
        item.put("00081155", element("UI", sopInstanceUid));
        item.put("00081190", element("UR", retrieveUrl));
        referenced.add(item);
    }

    void failed(String sopClassUid, String sopInstanceUid, FailureReason reason, String message) {
        Map<String, Object> item = new LinkedHashMap<>();
        if (sopClassUid != null) {
            item.put("00081150", element("UI", sopClassUid));
        }
        if (sopInstanceUid != null) {
            item.put("00081155", element("UI", sopInstanceUid));
        }
        item.put("00081197", element("US", reason.code()));
        failed.add(item);
        messages.add(message);
        failureCodes.add(reason.code());
    }

    /** The store or Kafka failed for an instance: the rest of the request is not attempted. */
    void markUnavailable() {
        unavailable = true;
    }

    boolean isUnavailable() {
        return unavailable;
    }

    /** 200 all stored, 202 some stored, 409 none stored, 503 none stored because the store or Kafka was down. */
    int status() {
        if (failed.isEmpty()) {
            return 200;
        }
        if (referenced.isEmpty()) {
            return unavailable ? 503 : 409;
        }
        return 202;
    }

    int storedCount() {
        return referenced.size();
    }

    Map<String, Object> toDicomJson(String studyRetrieveUrl) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (studyRetrieveUrl != null) {
            body.put("00081190", element("UR", studyRetrieveUrl));
        }
        if (!failed.isEmpty()) {
            body.put("00081198", Map.of("vr", "SQ", "Value", failed));
        }
        if (!referenced.isEmpty()) {
            body.put("00081199", Map.of("vr", "SQ", "Value", referenced));
        }
        return body;
    }

    private static Map<String, Object> element(String vr, Object value) {
        return Map.of("vr", vr, "Value", List.of(value));
    }

    /** FailureReason codes of the failed instances, in order. */
    List<Integer> failureCodes() {
        return failureCodes;
    }

    /** Human-readable reasons of the failures, in order (for logs and the Warning header; no PHI). */
    List<String> failureMessages() {
        return messages;
    }
}
