package io.radstream.auth;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.runtime.LaunchMode;
import io.radstream.localstack.SampleFiles;

class DevKeyGuardTest {

    static final Optional<String> DEV_KEY = Optional.of(SampleFiles.repositoryRoot()
            .resolve("config/dev-jwt/dev-public-key.pem").toString());
    static final String ALLOW = "radstream.results.auth.allow-dev-key";

    @Test
    void shouldRefuseTheDevelopmentKeyInProductionUnlessAllowedExplicitly() {
        assertThatThrownBy(() -> DevKeyGuard.check(LaunchMode.NORMAL, Optional.empty(), DEV_KEY, false, ALLOW))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("development key").hasMessageContaining(ALLOW);
        assertThatCode(() -> DevKeyGuard.check(LaunchMode.NORMAL, Optional.empty(), DEV_KEY, true, ALLOW)).doesNotThrowAnyException();
    }

    @Test
    void shouldRecogniseTheDevelopmentKeyGivenInline() throws Exception {
        String inline = Files.readString(Path.of(DEV_KEY.get())).replace("\n", "\r\n  ");
        assertThatThrownBy(() -> DevKeyGuard.check(LaunchMode.NORMAL, Optional.of(inline), Optional.empty(), false, ALLOW))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldRefuseToStartInProductionWithoutAKey() {
        assertThatThrownBy(() -> DevKeyGuard.check(LaunchMode.NORMAL, Optional.empty(), Optional.empty(), false, ALLOW))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("mp.jwt.verify.publickey.location");
        assertThatThrownBy(() -> DevKeyGuard.check(LaunchMode.NORMAL, Optional.empty(), Optional.of("/no/such/key.pem"), false, ALLOW))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldAcceptAnotherKeyInProductionAndAnythingInDevAndTest(@TempDir Path tmp) throws Exception {
        byte[] encoded = KeyPairGenerator.getInstance("RSA").generateKeyPair().getPublic().getEncoded();
        Path other = tmp.resolve("idp.pem");
        Files.writeString(other, "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(encoded)
                + "\n-----END PUBLIC KEY-----\n");
        assertThatCode(() -> DevKeyGuard.check(LaunchMode.NORMAL, Optional.empty(), Optional.of(other.toString()), false, ALLOW))
                .doesNotThrowAnyException();
        assertThatCode(() -> DevKeyGuard.check(LaunchMode.TEST, Optional.empty(), DEV_KEY, false, ALLOW)).doesNotThrowAnyException();
        assertThatCode(() -> DevKeyGuard.check(LaunchMode.DEVELOPMENT, Optional.empty(), Optional.empty(), false, ALLOW))
                .doesNotThrowAnyException();
    }
}
