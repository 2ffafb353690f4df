package io.radstream.dicom;

import java.nio.charset.StandardCharsets;

/**
  * Reads the JPEG marker segments before the first scan (ITU T.81 B.1): the frame header (SOFn)
  * and the colour signalling of JFIF (APP0) and Adobe (APP14). Used to check a frame against the
  * DICOM pixel module before any decoder allocates for it.
  *
  * @param sof            the SOFn marker (0xC0 baseline, 0xC1 extended, ...)
  * @param componentIds   component identifiers in frame-header order
  * @param adobeTransform the APP14 transform flag, -1 when there is no Adobe segment
  */
record JpegMarkers(int sof, int precision, int height, int width, int[] componentIds,
        boolean jfif, int adobeTransform) {

    static JpegMarkers scan(byte[] b) throws DicomParseException {
        if (b.length < 4 || u8(b, 0) != 0xFF || u8(b, 1) != 0xD8) {
            throw DicomParseException.cannotUnderstand("JPEG frame does not start with SOI");
        }
        boolean jfif = false;
        int adobe = -1;
        int i = 2;
        while (i + 4 <= b.length) {
            int marker = u8(b, i + 1);
            if (u8(b, i) != 0xFF) {
                throw DicomParseException.cannotUnderstand("JPEG marker expected at byte " + i);
            }
            if (marker == 0xFF) {
                i++;
                continue;
            }
            if (marker == 0xDA || marker == 0xD9) {
                break;
            }
            int length = Bytes.u16(b, i + 2, true);
            int segment = i + 4;
            if (length < 2 || segment - 2 + length > b.length) {
                throw DicomParseException.cannotUnderstand("JPEG marker segment truncated");
            }
            if (marker == 0xE0 && length >= 7 && text(b, segment, 5).equals("JFIF\0")) {
                jfif = true;
            } else if (marker == 0xEE && length >= 14 && text(b, segment, 5).equals("Adobe")) {
                adobe = u8(b, segment + 11);
            } else if (isStartOfFrame(marker)) {
                return frame(b, marker, segment, length, jfif, adobe);
            }
            i = segment - 2 + length;
        }
        throw DicomParseException.cannotUnderstand("JPEG frame header (SOF) missing");
    }

    private static JpegMarkers frame(byte[] b, int marker, int segment, int length, boolean jfif,
            int adobe) throws DicomParseException {
        int components = length >= 8 ? u8(b, segment + 5) : 0;
        if (components == 0 || length < 8 + 3 * components) {
            throw DicomParseException.cannotUnderstand("JPEG frame header malformed");
        }
        int[] ids = new int[components];
        for (int c = 0; c < components; c++) {
            ids[c] = u8(b, segment + 6 + 3 * c);
        }
        return new JpegMarkers(marker, u8(b, segment), Bytes.u16(b, segment + 1, true),
                Bytes.u16(b, segment + 3, true), ids, jfif, adobe);
    }

    /** Whether the stream says its three components are YCbCr (libjpeg's rules, jdapimin.c). */
    Boolean declaresYCbCr() {
        if (adobeTransform >= 0) {
            return adobeTransform != 0;
        }
        if (jfif) {
            return true;
        }
        if (componentIds.length == 3 && componentIds[0] == 'R' && componentIds[1] == 'G'
                && componentIds[2] == 'B') {
            return false;
        }
        return null;
    }

    private static boolean isStartOfFrame(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    private static int u8(byte[] b, int off) {
        return b[off] & 0xFF;
    }

    private static String text(byte[] b, int off, int len) {
        return new String(b, off, len, StandardCharsets.ISO_8859_1);
    }
}
