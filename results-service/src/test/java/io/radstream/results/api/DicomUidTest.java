package io.radstream.results.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DicomUidTest {

    @ParameterizedTest
    @ValueSource(strings = {"1.2.840.10008.5.1.4.1.1.2", "2.25.329800735698586629295641978511506172918", "1"})
    void shouldAcceptDigitsAndDots(String uid) {
        assertThat(DicomUid.isValid(uid)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1..2", ".1.2", "1.2.", "1.2a", "../etc/passwd", "1.2 3",
            "1.2.3.4.5.6.7.8.9.10.11.12.13.14.15.16.17.18.19.20.21.22.23.24.25.26.27"})
    void shouldRejectAnythingElse(String uid) {
        assertThat(DicomUid.isValid(uid)).isFalse();
    }
}
