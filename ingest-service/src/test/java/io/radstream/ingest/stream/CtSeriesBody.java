package io.radstream.ingest.stream;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;

import io.radstream.dicom.DicomWriter;
import io.radstream.schemas.DicomUid;

/**
 * A STOW-RS body of a synthetic 16-bit CT series, generated part by part while it is sent, so the
 * sender never holds more than one instance.
 */
final class CtSeriesBody {

    static final String BOUNDARY = "radstream-ct-series";
    static final String CONTENT_TYPE = "multipart/related; type=\"application/dicom\"; boundary=" + BOUNDARY;

    private CtSeriesBody() {
    }

    static InputStream stream(String study, int instances, int side) {
        String series = DicomUid.random();
        Enumeration<InputStream> parts = new Enumeration<>() {
            private int next;

            @Override
            public boolean hasMoreElements() {
                return next <= instances;
            }

            @Override
            public InputStream nextElement() {
                int index = next++;
                if (index == instances) {
                    return ascii("--" + BOUNDARY + "--\r\n");
                }
                return new SequenceInputStream(ascii("--" + BOUNDARY + "\r\nContent-Type: application/dicom\r\n\r\n"),
                        new SequenceInputStream(new ByteArrayInputStream(slice(study, series, index, side)), ascii("\r\n")));
            }
        };
        return new SequenceInputStream(parts);
    }

    /** One CT slice with its own pixels (so every instance has its own SHA-256). */
    static byte[] slice(String study, String series, int index, int side) {
        short[] pixels = new short[side * side];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (short) ((i * 31 + index * 7) % 4096);
        }
        return DicomWriter.grayscale16(study, series, DicomUid.random(), side, side, pixels)
                .string(0x00080060, "CS", "CT").toByteArray();
    }

    private static InputStream ascii(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII));
    }
}
