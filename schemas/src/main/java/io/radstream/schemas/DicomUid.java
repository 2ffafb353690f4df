package io.radstream.schemas;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * DICOM UID grammar (PS3.5 §9.1): at most 64 characters, components of digits separated by dots,
 * no leading zero in a multi-digit component. UIDs become object-store keys and Kafka keys, so only
 * validated UIDs ever reach them (no path injection).
 */
public final class DicomUid {

    public static final int MAX_LENGTH = 64;
    private static final Pattern GRAMMAR = Pattern.compile("(0|[1-9][0-9]*)(\\.(0|[1-9][0-9]*))*");

    private DicomUid() {
    }

    public static boolean isValid(String uid) {
        return uid != null && !uid.isEmpty() && uid.length() <= MAX_LENGTH && GRAMMAR.matcher(uid).matches();
    }

    /** A new UID under the UUID-derived root 2.25 (PS3.5 §B.2). */
    public static String random() {
        return fromUuid(UUID.randomUUID());
    }

    public static String fromUuid(UUID uuid) {
        ByteBuffer bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits());
        return "2.25." + new BigInteger(1, bytes.array());
    }
}
