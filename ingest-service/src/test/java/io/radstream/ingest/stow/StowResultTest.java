package io.radstream.ingest.stow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.radstream.ingest.core.FailureReason;

class StowResultTest {

    @Test
    void shouldAnswer200WhenEveryInstanceIsStored() {
        StowResult result = new StowResult();
        result.stored("1.2.840.10008.5.1.4.1.1.2", "1.2.3", "http://x/1");
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.toDicomJson("http://x")).containsKey("00081199").doesNotContainKey("00081198");
    }

    @Test
    void shouldAnswer202WhenSomeInstancesFail() {
        StowResult result = new StowResult();
        result.stored("1.2", "1.2.3", "http://x/1");
        result.failed(null, null, FailureReason.TRANSFER_SYNTAX_NOT_SUPPORTED, "JPEG 2000");
        assertThat(result.status()).isEqualTo(202);
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldAnswer409WithTheFailureReasonWhenNothingIsStored() {
        StowResult result = new StowResult();
        result.failed("1.2", "1.2.3", FailureReason.TRANSFER_SYNTAX_NOT_SUPPORTED, "JPEG 2000");

        assertThat(result.status()).isEqualTo(409);
        Map<String, Object> failed = (Map<String, Object>) result.toDicomJson(null).get("00081198");
        Map<String, Object> item = ((List<Map<String, Object>>) failed.get("Value")).get(0);
        assertThat(item.get("00081197")).isEqualTo(Map.of("vr", "US", "Value", List.of(0xC122)));
        assertThat(item.get("00081155")).isEqualTo(Map.of("vr", "UI", "Value", List.of("1.2.3")));
    }
}
