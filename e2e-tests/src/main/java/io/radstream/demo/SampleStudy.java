package io.radstream.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One bundled demo study from {@code samples/manifest.json}.
 *
 * @param files absolute paths of its images (DICOM files go over STOW-RS, PNG/JPEG over the upload API)
 */
public record SampleStudy(String name, String priority, String modality, String bodyPart, String patientRef,
                          String studyUid, List<Path> files, boolean expectUrgent) {

    public static List<SampleStudy> readManifest(Path samplesDir) throws IOException {
        JsonNode root = new ObjectMapper().readTree(samplesDir.resolve("manifest.json").toFile());
        JsonNode studies = root.isArray() ? root : root.path("studies");
        List<SampleStudy> result = new ArrayList<>();
        for (JsonNode s : studies) {
            List<Path> files = new ArrayList<>();
            s.path("files").forEach(f -> files.add(samplesDir.resolve(f.asText())));
            result.add(new SampleStudy(s.path("name").asText(), s.path("priority").asText("ROUTINE"),
                    s.path("modality").asText(null), s.path("bodyPart").asText(null), s.path("patientRef").asText("DEMO"),
                    s.path("studyUid").asText(null), files, s.path("expectUrgent").asBoolean(false)));
        }
        return result;
    }

    public boolean isDicom() {
        return files.stream().allMatch(SampleStudy::isDicomFile);
    }

    static boolean isDicomFile(Path file) {
        try {
            byte[] head = Files.readAllBytes(file);
            return head.length > 132 && head[128] == 'D' && head[129] == 'I' && head[130] == 'C' && head[131] == 'M';
        } catch (IOException e) {
            return false;
        }
    }
}
