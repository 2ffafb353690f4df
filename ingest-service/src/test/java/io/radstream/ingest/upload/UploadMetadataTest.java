package io.radstream.ingest.upload;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.radstream.schemas.events.Priority;

class UploadMetadataTest {

    @Test
    void shouldAcceptCompleteMetadata() {
        UploadMetadata m = new UploadMetadata("cr", "chest", "stat", "P-1", "1.2.3", null, null);
        assertThat(m.problem(false)).isNull();
        assertThat(m.parsedPriority()).isEqualTo(Priority.STAT);
    }

    @Test
    void shouldRequireModalityAndPatientForRasterImages() {
        assertThat(new UploadMetadata(null, "CHEST", null, "P", null, null, null).problem(false)).contains("modality");
        assertThat(new UploadMetadata("CR", "CHEST", null, " ", null, null, null).problem(false)).contains("patientRef");
        assertThat(new UploadMetadata(null, null, null, null, null, null, null).problem(true)).isNull();
    }

    @Test
    void shouldRefuseHostileUidsAndCodes() {
        assertThat(new UploadMetadata("CR", null, null, "P", "../../etc", null, null).problem(false)).contains("studyInstanceUid");
        assertThat(new UploadMetadata("CR<script>", null, null, "P", null, null, null).problem(false)).contains("modality");
        assertThat(new UploadMetadata("CR", null, "NOW", "P", null, null, null).problem(false)).contains("priority");
    }
}
