package io.radstream.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;

import org.junit.jupiter.api.Test;

/** The order attributes ingest derives a reading priority from. */
class WorkflowAttributesTest {

    @Test
    void shouldReadPriorityAndDepartmentAttributesFromTheTopLevel() throws Exception {
        byte[] bytes = DicomWriter.grayscale16(DicomWriter.newUid(), DicomWriter.newUid(), DicomWriter.newUid(), 2, 2,
                        new short[4])
                .string(0x00401003, "SH", "STAT")
                .string(0x0032000C, "CS", "HIGH")
                .string(0x00081040, "LO", "Emergency Department")
                .string(0x00321033, "LO", "ED")
                .toByteArray();

        DicomHeader header = DicomReader.create().readHeader(new ByteArrayInputStream(bytes));

        assertThat(header.requestedProcedurePriority()).isEqualTo("STAT");
        assertThat(header.studyPriorityId()).isEqualTo("HIGH");
        assertThat(header.institutionalDepartmentName()).isEqualTo("Emergency Department");
        assertThat(header.requestingService()).isEqualTo("ED");
    }

    @Test
    void shouldLeaveThemNullWhenAbsent() throws Exception {
        byte[] bytes = DicomWriter.grayscale16(DicomWriter.newUid(), DicomWriter.newUid(), DicomWriter.newUid(), 2, 2,
                new short[4]).toByteArray();
        DicomHeader header = DicomReader.create().readHeader(new ByteArrayInputStream(bytes));
        assertThat(header.requestedProcedurePriority()).isNull();
        assertThat(header.institutionalDepartmentName()).isNull();
    }
}
