package io.radstream.ingest.upload;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

import io.radstream.schemas.events.ImageFormat;

/** Recognises an uploaded file by its leading bytes; the declared content type is never trusted. */
final class ImageSniffer {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] DICM = {'D', 'I', 'C', 'M'};

    private ImageSniffer() {
    }

    static Optional<ImageFormat> sniff(Path file) throws IOException {
        byte[] head = new byte[132];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        if (startsWith(head, n, 0, PNG)) {
            return Optional.of(ImageFormat.PNG);
        }
        if (startsWith(head, n, 0, JPEG)) {
            return Optional.of(ImageFormat.JPEG);
        }
        if (startsWith(head, n, 128, DICM)) {
            return Optional.of(ImageFormat.DICOM);
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] data, int length, int offset, byte[] magic) {
        return length >= offset + magic.length
                && Arrays.equals(data, offset, offset + magic.length, magic, 0, magic.length);
    }
}
