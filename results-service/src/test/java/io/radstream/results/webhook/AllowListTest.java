package io.radstream.results.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

class AllowListTest {

    private final AllowList allowList = new AllowList(List.of("https://pager.hospital.example/hooks/",
            "http://127.0.0.1:8099/"));

    @Test
    void shouldPermitUrlsUnderAnAllowedPrefix() {
        assertThat(allowList.permits(URI.create("https://pager.hospital.example/hooks/radiology"))).isTrue();
        assertThat(allowList.permits(URI.create("https://PAGER.hospital.example:443/hooks/a?x=1"))).isTrue();
        assertThat(allowList.permits(URI.create("http://127.0.0.1:8099/anything"))).isTrue();
    }

    @Test
    void shouldRefuseOtherHostsSchemesPortsAndPaths() {
        assertThat(allowList.permits(URI.create("https://pager.hospital.example.evil.test/hooks/x"))).isFalse();
        assertThat(allowList.permits(URI.create("http://pager.hospital.example/hooks/x"))).isFalse();
        assertThat(allowList.permits(URI.create("https://pager.hospital.example:8443/hooks/x"))).isFalse();
        assertThat(allowList.permits(URI.create("https://pager.hospital.example/admin"))).isFalse();
        assertThat(allowList.permits(URI.create("http://127.0.0.1:8098/"))).isFalse();
    }

    @Test
    void shouldNotBeFooledByDotSegmentsUserInfoOrOtherSchemes() {
        assertThat(allowList.permits(URI.create("https://pager.hospital.example/hooks/../admin"))).isFalse();
        assertThat(allowList.permits(URI.create("https://pager.hospital.example@evil.test/hooks/x"))).isFalse();
        assertThat(allowList.permits(URI.create("https://user@pager.hospital.example/hooks/x"))).isFalse();
        assertThat(allowList.permits(URI.create("file:///hooks/x"))).isFalse();
    }

    @Test
    void shouldPermitNothingWithAnEmptyAllowList() {
        assertThat(new AllowList(List.of()).permits(URI.create("https://pager.hospital.example/hooks/x"))).isFalse();
    }
}
