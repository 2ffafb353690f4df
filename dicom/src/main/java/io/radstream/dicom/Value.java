package io.radstream.dicom;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
  * One collected element value with its decoding rules. Strings are ISO-8859-1, split at
  * backslashes, with leading/trailing spaces and NULs removed. Malformed numbers raise
  * DATASET_MISMATCH naming the tag (never the value).
  */
record Value(int tag, Vr vr, byte[] bytes, boolean bigEndian) {
    private static final Pattern DECIMAL =
            Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d{1,3})?");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,11}");

    /** The VR used for decoding: the dictionary VR when the file says UN. */
    Vr effectiveVr() {
        return vr == Vr.UN ? Tags.implicitVr(tag) : vr;
    }

    /** The first value as text, or null when empty. */
    String text() {
        List<String> all = texts();
        return all.isEmpty() ? null : all.get(0);
    }

    /** All values as text; empty when the element is empty. */
    List<String> texts() {
        String raw = new String(bytes, StandardCharsets.ISO_8859_1);
        List<String> values = new ArrayList<>();
        for (String part : raw.split("\\\\", -1)) {
            values.add(trim(part));
        }
        if (values.size() == 1 && values.get(0).isEmpty()) {
            return List.of();
        }
        return values;
    }

    /** The first value as an integer (US, SS, UL, SL or IS), or null when empty. */
    Integer integer() throws DicomParseException {
        int[] all = integers();
        return all.length == 0 ? null : all[0];
    }

    /** All values as integers (US, SS, UL, SL or IS). */
    int[] integers() throws DicomParseException {
        Vr decodeAs = effectiveVr();
        return switch (decodeAs) {
            case US, SS -> binary(2, decodeAs == Vr.SS);
            case UL, SL -> binary(4, decodeAs == Vr.SL);
            case IS -> parseIntegers();
            default -> throw malformed();
        };
    }

    /** All values as finite decimals (DS, FD or FL); empty when the element is empty. */
    double[] decimals() throws DicomParseException {
        Vr decodeAs = effectiveVr();
        if (decodeAs == Vr.FD || decodeAs == Vr.FL) {
            return binaryFloats(decodeAs == Vr.FD ? 8 : 4);
        }
        if (decodeAs != Vr.DS) {
            throw malformed();
        }
        List<String> texts = texts();
        double[] values = new double[texts.size()];
        for (int i = 0; i < values.length; i++) {
            String t = texts.get(i);
            if (!DECIMAL.matcher(t).matches()) {
                throw malformed();
            }
            values[i] = Double.parseDouble(t);
            if (!Double.isFinite(values[i])) {
                throw malformed();
            }
        }
        return values;
    }

    private int[] parseIntegers() throws DicomParseException {
        List<String> texts = texts();
        int[] values = new int[texts.size()];
        for (int i = 0; i < values.length; i++) {
            String t = texts.get(i);
            if (!INTEGER.matcher(t).matches()) {
                throw malformed();
            }
            long v = Long.parseLong(t);
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                throw malformed();
            }
            values[i] = (int) v;
        }
        return values;
    }

    private int[] binary(int width, boolean signed) throws DicomParseException {
        if (bytes.length % width != 0) {
            throw malformed();
        }
        int[] values = new int[bytes.length / width];
        for (int i = 0; i < values.length; i++) {
            int off = i * width;
            if (width == 2) {
                int u = Bytes.u16(bytes, off, bigEndian);
                values[i] = signed ? (short) u : u;
            } else {
                long u = Bytes.u32(bytes, off, bigEndian);
                if (!signed && u > Integer.MAX_VALUE) {
                    throw malformed();
                }
                values[i] = (int) u;
            }
        }
        return values;
    }

    private double[] binaryFloats(int width) throws DicomParseException {
        if (bytes.length % width != 0) {
            throw malformed();
        }
        double[] values = new double[bytes.length / width];
        for (int i = 0; i < values.length; i++) {
            int off = i * width;
            values[i] = width == 4
                    ? Float.intBitsToFloat((int) Bytes.u32(bytes, off, bigEndian))
                    : Double.longBitsToDouble(
                            (Bytes.u32(bytes, bigEndian ? off : off + 4, bigEndian) << 32)
                                    | Bytes.u32(bytes, bigEndian ? off + 4 : off, bigEndian));
            if (!Double.isFinite(values[i])) {
                throw malformed();
            }
        }
        return values;
    }

    private static String trim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isPad(s.charAt(start))) {
            start++;
        }
        while (end > start && isPad(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean isPad(char c) {
        return c == ' ' || c == '\0';
    }

    private DicomParseException malformed() {
        return DicomParseException.mismatch("malformed " + vr + " value in " + Tags.toString(tag));
    }
}
