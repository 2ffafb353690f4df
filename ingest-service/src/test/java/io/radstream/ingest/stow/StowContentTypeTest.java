package io.radstream.ingest.stow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.radstream.ingest.RequestRefusedException;

class StowContentTypeTest {

    @Test
    void shouldAcceptMultipartRelatedOfApplicationDicom() {
        StowContentType type = StowContentType.parse("multipart/related; type=\"application/dicom\"; boundary=abc123");
        assertThat(new String(type.boundary(), StandardCharsets.ISO_8859_1)).isEqualTo("abc123");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "application/json|415",
            "multipart/form-data; boundary=x|415",
            "multipart/related; type=\"application/dicom+xml\"; boundary=x|415",
            "multipart/related; boundary=x|400",
            "multipart/related; type=\"application/dicom\"|400",
            "not a media type;;;|415"})
    void shouldRefuseOtherContentTypesWithTheStowStatus(String contentType, int status) {
        assertThatThrownBy(() -> StowContentType.parse(contentType))
                .isInstanceOfSatisfying(RequestRefusedException.class, e -> assertThat(e.status()).isEqualTo(status));
    }

    @Test
    void shouldAcceptOrthancsOverlongBoundaryButNotAnUnboundedOne() {
        String orthanc = "f082e833-c33c-4a26-9279-001564759692-f082e833-c33c-4a26-9279-001564759692";
        assertThat(StowContentType.parse("multipart/related; type=\"application/dicom\"; boundary=" + orthanc).boundary())
                .hasSize(73);
        assertThatThrownBy(() -> StowContentType.parse("multipart/related; type=\"application/dicom\"; boundary="
                + "x".repeat(201))).isInstanceOfSatisfying(RequestRefusedException.class,
                        e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void shouldRefuseAMissingContentTypeWith415() {
        assertThatThrownBy(() -> StowContentType.parse(null))
                .isInstanceOfSatisfying(RequestRefusedException.class, e -> assertThat(e.status()).isEqualTo(415));
    }
}
