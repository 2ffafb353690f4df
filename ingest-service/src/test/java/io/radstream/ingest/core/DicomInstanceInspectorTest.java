package io.radstream.ingest.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;

import org.junit.jupiter.api.Test;

import io.radstream.dicom.DicomWriter;
import io.radstream.localstack.SampleFiles;
import io.radstream.schemas.DicomUid;

class DicomInstanceInspectorTest {

    private final DicomInstanceInspector inspector = new DicomInstanceInspector();

    @Test
    void shouldAcceptARealCtImage() throws IOException {
        DicomInstanceInspector.Inspection inspection = inspect(Files.readAllBytes(SampleFiles.dicomSample("CT_small.dcm")));
        assertThat(inspection.isAccepted()).isTrue();
        assertThat(inspection.header().modality()).isEqualTo("CT");
    }

    @Test
    void shouldRefuseAStructuredReportAsSopClassNotSupported() throws IOException {
        byte[] sr = DicomWriter.create()
                .string(0x00080016, "UI", "1.2.840.10008.5.1.4.1.1.88.11")
                .string(0x00080018, "UI", DicomUid.random())
                .string(0x00080060, "CS", "SR")
                .string(0x0020000D, "UI", DicomUid.random())
                .string(0x0020000E, "UI", DicomUid.random())
                .toByteArray();
        assertThat(inspect(sr).failure()).isEqualTo(FailureReason.SOP_CLASS_NOT_SUPPORTED);
    }

    @Test
    void shouldAcceptJpegLosslessWrittenByDcmtkAndByGdcm() throws IOException {
        java.nio.file.Path dicomTestFiles = SampleFiles.repositoryRoot().resolve("dicom/src/test/resources/samples");
        for (java.nio.file.Path file : java.util.List.of(dicomTestFiles.resolve("dcmtk/CT_small_jpll_sv1.dcm"),
                dicomTestFiles.resolve("pydicom/SC_rgb_jpeg_gdcm.dcm"))) {
            DicomInstanceInspector.Inspection inspection = inspect(Files.readAllBytes(file));
            assertThat(inspection.isAccepted()).as(file.toString()).isTrue();
            assertThat(inspection.header().transferSyntaxUid()).isEqualTo("1.2.840.10008.1.2.4.70");
        }
    }

    @Test
    void shouldRefuseTwelveBitJpegAsTransferSyntaxNotSupported() throws IOException {
        assertThat(inspect(Files.readAllBytes(SampleFiles.dicomSample("JPEG-lossy.dcm"))).failure())
                .isEqualTo(FailureReason.TRANSFER_SYNTAX_NOT_SUPPORTED);
    }

    @Test
    void shouldRefuseTruncatedPixelDataAsCannotUnderstand() throws IOException {
        assertThat(inspect(Files.readAllBytes(SampleFiles.dicomSample("MR_truncated.dcm"))).failure())
                .isEqualTo(FailureReason.CANNOT_UNDERSTAND);
    }

    @Test
    void shouldRefuseAPathInjectingUidAsDataSetMismatch() throws IOException {
        byte[] hostile = DicomWriter.grayscale16("1.2/../../x", DicomUid.random(), DicomUid.random(), 2, 2, new short[4])
                .toByteArray();
        assertThat(inspect(hostile).failure()).isEqualTo(FailureReason.DATASET_MISMATCH);
    }

    private DicomInstanceInspector.Inspection inspect(byte[] bytes) throws IOException {
        try (SpooledFile file = SpooledFile.copy(new ByteArrayInputStream(bytes), 1 << 24)) {
            return inspector.inspect(file);
        }
    }
}
