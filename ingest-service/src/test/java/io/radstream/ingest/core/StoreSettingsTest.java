package io.radstream.ingest.core;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.radstream.storage.ObjectStore;

class StoreSettingsTest {

    private static final long MB = 1024 * 1024;

    @Test
    void shouldAcceptTheDefaults() {
        assertThatCode(() -> StoreSettings.check(Duration.ofSeconds(45), 30, 256 * MB)).doesNotThrowAnyException();
    }

    @Test
    void shouldRefuseAnAnnounceWaitNoLongerThanThePublishTimeout() {
        assertThatThrownBy(() -> StoreSettings.check(Duration.ofSeconds(30), 30, 256 * MB))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("announce-wait");
    }

    @Test
    void shouldRefuseAnInstanceLimitAboveWhatOnePutCarries() {
        assertThatThrownBy(() -> StoreSettings.check(Duration.ofSeconds(45), 30, ObjectStore.MAX_SINGLE_PUT_BYTES + 1))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("max-instance-bytes");
    }
}
