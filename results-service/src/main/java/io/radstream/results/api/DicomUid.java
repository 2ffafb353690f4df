package io.radstream.results.api;

import java.util.regex.Pattern;

/** A DICOM UID as the platform accepts it: dot-separated digit groups, at most 64 characters. */
final class DicomUid {

    private static final Pattern UID = Pattern.compile("[0-9]+(\\.[0-9]+)*");
    private static final int MAX_LENGTH = 64;

    private DicomUid() {
    }

    static boolean isValid(String uid) {
        return uid != null && uid.length() <= MAX_LENGTH && UID.matcher(uid).matches();
    }
}
