package io.radstream.ingest.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.radstream.dicom.DicomHeader;
import io.radstream.dicom.DicomReader;
import io.radstream.dicom.DicomWriter;
import io.radstream.ingest.IngestConfig.PriorityRouting;
import io.radstream.schemas.events.Priority;

class PriorityPolicyTest {

    static final PriorityPolicy POLICY = new PriorityPolicy(routing(
            rule("CT", "HEAD", "emergency|\\bED\\b", Priority.STAT),
            rule("DX", null, null, Priority.URGENT)));

    @Test
    void shouldLetTheRequestWinOverDicomAndRules() throws Exception {
        DicomHeader statOrder = header("CT", "HEAD", "STAT", null, "Emergency");
        assertThat(POLICY.decide(new PriorityPolicy.Facts(Priority.ROUTINE, statOrder, "CT", "HEAD", null)))
                .isEqualTo(Priority.ROUTINE);
    }

    @Test
    void shouldTakeThePriorityFromTheDicomOrderBeforeTheRules() throws Exception {
        assertThat(decide(header("CT", "HEAD", "ROUTINE", null, "Emergency Department"))).isEqualTo(Priority.ROUTINE);
        assertThat(decide(header("MR", "KNEE", "STAT", null, null))).isEqualTo(Priority.STAT);
        assertThat(decide(header("MR", "KNEE", "HIGH", null, null))).isEqualTo(Priority.URGENT);
        assertThat(decide(header("MR", "KNEE", "low", null, null))).isEqualTo(Priority.ROUTINE);
        assertThat(decide(header("MR", "KNEE", null, "HIGH", null))).isEqualTo(Priority.URGENT);
        assertThat(decide(header("MR", "KNEE", "WHENEVER", null, null))).as("unknown value: rules, then fallback")
                .isEqualTo(Priority.ROUTINE);
    }

    @Test
    void shouldApplyTheFirstMatchingRoutingRuleElseTheFallback() throws Exception {
        assertThat(decide(header("CT", "HEAD", null, null, "Emergency Department"))).isEqualTo(Priority.STAT);
        assertThat(decide(header("CT", "HEAD", null, null, "ED"))).isEqualTo(Priority.STAT);
        assertThat(decide(header("CT", "HEAD", null, null, "Neurology"))).isEqualTo(Priority.ROUTINE);
        assertThat(decide(header("CT", "CHEST", null, null, "Emergency"))).isEqualTo(Priority.ROUTINE);
        assertThat(decide(header("DX", "CHEST", null, null, null))).isEqualTo(Priority.URGENT);
        assertThat(POLICY.decide(new PriorityPolicy.Facts(null, null, "CT", "HEAD", "EMERGENCY ROOM")))
                .as("department from upload metadata").isEqualTo(Priority.STAT);
        assertThat(POLICY.decide(new PriorityPolicy.Facts(null, null, null, null, null))).isEqualTo(Priority.ROUTINE);
    }

    private static Priority decide(DicomHeader h) {
        return POLICY.decide(new PriorityPolicy.Facts(null, h, h.modality(), h.bodyPartExamined(), null));
    }

    static DicomHeader header(String modality, String bodyPart, String requested, String studyPriority, String department)
            throws Exception {
        DicomWriter writer = DicomWriter.grayscale16(DicomWriter.newUid(), DicomWriter.newUid(), DicomWriter.newUid(), 2, 2,
                new short[4]).string(0x00080060, "CS", modality).string(0x00180015, "CS", bodyPart);
        if (requested != null) {
            writer.string(0x00401003, "SH", requested);
        }
        if (studyPriority != null) {
            writer.string(0x0032000C, "CS", studyPriority);
        }
        if (department != null) {
            writer.string(0x00081040, "LO", department);
        }
        return DicomReader.create().readHeader(new ByteArrayInputStream(writer.toByteArray()));
    }

    static PriorityRouting routing(PriorityRouting.Rule... rules) {
        return new PriorityRouting() {
            public Priority fallback() { return Priority.ROUTINE; }
            public List<Rule> rules() { return List.of(rules); }
        };
    }

    static PriorityRouting.Rule rule(String modality, String bodyPart, String department, Priority priority) {
        return new PriorityRouting.Rule() {
            public Optional<String> modality() { return Optional.ofNullable(modality); }
            public Optional<String> bodyPart() { return Optional.ofNullable(bodyPart); }
            public Optional<String> department() { return Optional.ofNullable(department); }
            public Priority priority() { return priority; }
        };
    }
}
