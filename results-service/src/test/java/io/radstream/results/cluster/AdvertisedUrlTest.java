package io.radstream.results.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;

import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AdvertisedUrlTest {

    @Test
    void shouldAdvertiseTheHostAndPortOfAnHttpUrl() {
        assertThat(Instances.hostOf(URI.create("http://10.1.2.3:8083"))).isEqualTo(new HostInfo("10.1.2.3", 8083));
        assertThat(Instances.hostOf(URI.create("https://results-0.results-service-headless:8443")))
                .isEqualTo(new HostInfo("results-0.results-service-headless", 8443));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://10.1.2.3", "http://10.1.2.3:8083/api", "ftp://10.1.2.3:8083", "localhost:8083",
        "http://user:secret@10.1.2.3:8083", "http://10.1.2.3:8083?x=1", "http://:8083", "file:///etc/passwd"})
    void shouldRefuseAnythingButHttpHostAndPort(String url) {
        URI parsed = URI.create(url);
        assertThatThrownBy(() -> Instances.hostOf(parsed)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("advertised-url");
    }
}
