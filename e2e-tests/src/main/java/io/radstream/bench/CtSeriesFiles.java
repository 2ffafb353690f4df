package io.radstream.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.radstream.dicom.DicomWriter;

/** The benchmark's synthetic CT series as Part 10 files on disk. */
final class CtSeriesFiles {

    private CtSeriesFiles() {
    }

    /** A 16-bit CT series, one file per slice, each with its own pixels. */
    static List<Path> write(Path dir, int instances, int side) throws Exception {
        Files.createDirectories(dir);
        String study = DicomWriter.newUid();
        String series = DicomWriter.newUid();
        List<Path> files = new ArrayList<>();
        short[] pixels = new short[side * side];
        for (int n = 0; n < instances; n++) {
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = (short) ((i * 31 + n * 7) % 4096);
            }
            Path file = dir.resolve(String.format("ct-%04d.dcm", n));
            Files.write(file, DicomWriter.grayscale16(study, series, DicomWriter.newUid(), side, side, pixels)
                    .string(0x00080060, "CS", "CT").string(0x00180015, "CS", "HEAD").toByteArray());
            files.add(file);
        }
        return files;
    }
}
