package io.radstream.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.zip.GZIPInputStream;

/**
  * Test files: the shared real samples ({@code ${radstream.root}/../shared/dicom-samples}, else
  * {@code ../../shared/dicom-samples} from the module directory, else {@code ../shared/...} from
  * the repository root), extra pydicom samples and the dcmtk references on the test classpath.
  */
final class Samples {
    static final DicomReader READER = DicomReader.create();

    private Samples() {}

    static Path sharedDir() {
        List<Path> candidates = new ArrayList<>();
        String root = System.getProperty("radstream.root");
        if (root != null && !root.isBlank()) {
            candidates.add(Path.of(root).resolve("../shared/dicom-samples").normalize());
        }
        candidates.add(Path.of("../../shared/dicom-samples").toAbsolutePath().normalize());
        candidates.add(Path.of("../shared/dicom-samples").toAbsolutePath().normalize()); // repo root
        return candidates.stream().filter(Files::isDirectory).findFirst().orElseThrow(
                () -> new IllegalStateException("shared/dicom-samples not found; tried " + candidates));
    }

    /** A sample by file name: the shared folder first, then the classpath's pydicom extras and dcmtk-written files. */
    static byte[] bytes(String name) {
        Path shared = sharedDir().resolve(name);
        try {
            if (Files.exists(shared)) {
                return Files.readAllBytes(shared);
            }
            return Samples.class.getResource("/samples/pydicom/" + name) != null
                    ? resource("/samples/pydicom/" + name) : resource("/samples/dcmtk/" + name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] resource(String path) {
        try (InputStream in = Samples.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] gunzip(byte[] gz) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Properties reference(String name) {
        Properties p = new Properties();
        try {
            p.load(new ByteArrayInputStream(resource("/reference/" + name)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    static DicomHeader header(byte[] bytes) throws DicomParseException {
        return READER.readHeader(new ByteArrayInputStream(bytes));
    }

    static DicomImage image(byte[] bytes) throws DicomParseException {
        return READER.readImage(new ByteArrayInputStream(bytes));
    }

    static DicomImage image(String name) throws DicomParseException {
        return image(bytes(name));
    }

    /** The reason readImage refuses {@code bytes} with (fails if it does not throw). */
    static DicomParseException.Reason imageFailure(byte[] bytes) {
        return imageFailure(READER, bytes);
    }

    static DicomParseException.Reason imageFailure(DicomReader reader, byte[] bytes) {
        DicomParseException e = catchThrowableOfType(DicomParseException.class,
                () -> reader.readImage(new ByteArrayInputStream(bytes)));
        assertThat(e).as("readImage must throw DicomParseException").isNotNull();
        return e.reason();
    }

    static DicomParseException.Reason headerFailure(byte[] bytes) {
        return headerFailure(READER, bytes);
    }

    static DicomParseException.Reason headerFailure(DicomReader reader, byte[] bytes) {
        DicomParseException e = catchThrowableOfType(DicomParseException.class,
                () -> reader.readHeader(new ByteArrayInputStream(bytes)));
        assertThat(e).as("readHeader must throw DicomParseException").isNotNull();
        return e.reason();
    }

    /** All frames' samples, concatenated. */
    static float[] allSamples(DicomImage image) {
        int total = image.frames().stream().mapToInt(f -> f.samples().length).sum();
        float[] all = new float[total];
        int at = 0;
        for (PixelFrame f : image.frames()) {
            System.arraycopy(f.samples(), 0, all, at, f.samples().length);
            at += f.samples().length;
        }
        return all;
    }

    static String sha256OfInts(long[] values) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] le = new byte[4];
            for (long v : values) {
                int i = (int) v;
                le[0] = (byte) i;
                le[1] = (byte) (i >>> 8);
                le[2] = (byte) (i >>> 16);
                le[3] = (byte) (i >>> 24);
                digest.update(le);
            }
            StringBuilder hex = new StringBuilder();
            for (byte b : digest.digest()) {
                hex.append(String.format("%02x", b));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
