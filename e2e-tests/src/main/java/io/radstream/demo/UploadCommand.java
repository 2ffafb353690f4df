package io.radstream.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.radstream.dicom.DicomParseException;
import io.radstream.dicom.DicomReader;

/**
 * {@code ./radstream upload PATH... [--priority P] [--modality M --body-part B --patient REF]}: sends
 * files and folders to a running ingest service — DICOM grouped per study over STOW-RS, PNG/JPEG
 * as one study over the upload API — with progress and a per-study summary.
 */
public final class UploadCommand {

    private final DemoClient client;
    private final PrintStream out;
    private final DicomReader dicom = DicomReader.create();

    public UploadCommand(DemoClient client, PrintStream out) {
        this.client = client;
        this.out = out;
    }

    /** One study sent: its UID (null if it failed), how many files, and the error if any. */
    public record Sent(String name, String studyUid, int files, String error) {
    }

    public List<Sent> upload(List<Path> paths, Map<String, String> options) throws IOException, InterruptedException {
        List<SampleStudy> studies = group(expand(paths), options);
        List<Sent> sent = new ArrayList<>();
        int done = 0;
        for (SampleStudy study : studies) {
            try {
                sent.add(new Sent(study.name(), client.upload(study), study.files().size(), null));
            } catch (IOException e) {
                sent.add(new Sent(study.name(), null, study.files().size(), e.getMessage()));
            }
            done++;
            out.printf("[%s] %d/%d studies  %s%n", bar(done, studies.size()), done, studies.size(), study.name());
        }
        sent.forEach(s -> out.printf("  %-5s %-40s %3d file(s)  %s%n", s.error() == null ? "OK" : "FAIL",
                s.studyUid() == null ? "-" : s.studyUid(), s.files(), s.error() == null ? "" : s.error()));
        return sent;
    }

    private List<SampleStudy> group(List<Path> files, Map<String, String> o) throws IOException {
        Map<String, List<Path>> dicomByStudy = new LinkedHashMap<>();
        List<Path> images = new ArrayList<>();
        for (Path file : files) {
            if (SampleStudy.isDicomFile(file)) {
                dicomByStudy.computeIfAbsent(studyOf(file), k -> new ArrayList<>()).add(file);
            } else {
                images.add(file);
            }
        }
        String priority = o.getOrDefault("priority", "ROUTINE");
        List<SampleStudy> studies = new ArrayList<>();
        dicomByStudy.forEach((study, list) -> studies.add(new SampleStudy("DICOM study " + study, priority, null, null,
                null, study, list, false)));
        if (!images.isEmpty()) {
            studies.add(new SampleStudy("images", priority, o.getOrDefault("modality", "DX"),
                    o.getOrDefault("body-part", "CHEST"), o.getOrDefault("patient", "UNKNOWN"), null, images, false));
        }
        return studies;
    }

    private String studyOf(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            String uid = dicom.readHeader(in).studyInstanceUid();
            return uid == null ? "unknown" : uid;
        } catch (DicomParseException e) {
            return "unreadable"; // ingest answers these with the exact STOW-RS failure reason
        }
    }

    private static List<Path> expand(List<Path> paths) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(Files::isRegularFile).sorted().forEach(files::add);
                }
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                throw new IOException("No such file or folder: " + path);
            }
        }
        return files;
    }

    private static String bar(int done, int total) {
        int filled = total == 0 ? 20 : done * 20 / total;
        return "#".repeat(filled) + ".".repeat(20 - filled);
    }
}
