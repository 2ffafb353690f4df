package io.radstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DicomUidTest {

    @ParameterizedTest
    @ValueSource(strings = {"1.2.840.10008.5.1.4.1.1.2", "0", "2.25.0.1", "1.2.3"})
    void shouldAcceptValidUids(String uid) {
        assertThat(DicomUid.isValid(uid)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1..2", ".1.2", "1.2.", "1.02.3", "../../etc/passwd", "1.2.3/4", "1.2.a",
            "1.2.3 ", "12345678901234567890123456789012345678901234567890123456789012345"})
    void shouldRejectInvalidUids(String uid) {
        assertThat(DicomUid.isValid(uid)).isFalse();
    }

    @Test
    void shouldMakeValidRandomUidsUnderRoot225() {
        String uid = DicomUid.random();
        assertThat(uid).startsWith("2.25.");
        assertThat(DicomUid.isValid(uid)).isTrue();
    }
}
