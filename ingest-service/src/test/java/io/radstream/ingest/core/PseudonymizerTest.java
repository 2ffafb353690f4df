package io.radstream.ingest.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.MemorySize;
import io.radstream.ingest.IngestConfig;

class PseudonymizerTest {

    @Test
    void shouldGiveTheSamePatientTheSamePseudonymUnderOneKey() {
        Pseudonymizer p = new Pseudonymizer(config("key-one-0123456789"));
        assertThat(p.pseudonym("t", "MRN-1")).isEqualTo(p.pseudonym("t", "MRN-1")).hasSize(64)
                .doesNotContain("MRN");
    }

    @Test
    void shouldGiveDifferentPseudonymsUnderDifferentKeysAndTenants() {
        Pseudonymizer one = new Pseudonymizer(config("key-one-0123456789"));
        Pseudonymizer two = new Pseudonymizer(config("key-two-0123456789"));
        assertThat(one.pseudonym("t", "MRN-1")).isNotEqualTo(two.pseudonym("t", "MRN-1"))
                .isNotEqualTo(one.pseudonym("u", "MRN-1")).isNotEqualTo(one.pseudonym("t", "MRN-2"));
    }

    @Test
    void shouldRefuseToStartWithoutAKey() {
        assertThatThrownBy(() -> new Pseudonymizer(config(null)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("pseudonym-key");
    }

    static IngestConfig config(String key) {
        return new IngestConfig() {
            public Optional<String> pseudonymKey() { return Optional.ofNullable(key); }
            public MemorySize maxInstanceBytes() { return new MemorySize(java.math.BigInteger.valueOf(1 << 20)); }
            public int maxInstancesPerRequest() { return 10; }
            public MemorySize stowReadAhead() { return new MemorySize(java.math.BigInteger.valueOf(1 << 20)); }
            public int stowInstancesInFlight() { return 4; }
            public int stowStoreThreads() { return 8; }
            public java.time.Duration bodyReadTimeout() { return java.time.Duration.ofSeconds(60); }
            public Optional<String> publicBaseUrl() { return Optional.empty(); }
            public int publishTimeoutSeconds() { return 5; }
            public java.time.Duration announceWait() { return java.time.Duration.ofSeconds(45); }
            public int retryAfterSeconds() { return 10; }
            public io.radstream.auth.AuthConfig auth() { return null; }
            public Audit audit() { return null; }
            public PriorityRouting priority() { return null; }
        };
    }
}
