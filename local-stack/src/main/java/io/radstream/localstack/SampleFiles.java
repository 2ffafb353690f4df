package io.radstream.localstack;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the repository's sample data from any module's tests: the real DICOM files in
 * {@code ../shared/dicom-samples} beside the repository, the trained models in {@code models/} and
 * the demo studies in {@code samples/}. The reactor root comes from the {@code radstream.root}
 * system property (set by the parent pom) or is found by walking up from the working directory.
 */
public final class SampleFiles {

    private SampleFiles() {
    }

    public static Path repositoryRoot() {
        String configured = System.getProperty("radstream.root");
        if (configured != null && Files.isDirectory(Path.of(configured, "models"))) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("radstream")) && Files.isDirectory(dir.resolve("models"))) {
                return dir;
            }
        }
        throw new IllegalStateException("Cannot find the RadStream repository root from " + Path.of("").toAbsolutePath());
    }

    /** A real DICOM file from {@code ../shared/dicom-samples} (see its README). */
    public static Path dicomSample(String name) {
        Path file = repositoryRoot().resolveSibling("shared").resolve("dicom-samples").resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("DICOM sample " + file + " is missing: shared/ must lie beside the repository");
        }
        return file;
    }

    public static Path modelsDir() {
        return repositoryRoot().resolve("models");
    }

    /** A file from the bundled demo studies in {@code samples/}. */
    public static Path demoSample(String relative) {
        return repositoryRoot().resolve("samples").resolve(relative);
    }
}
