package io.radstream.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildJvmTest {

    private final String savedJar = System.getProperty("radstream.s3proxy.jar");
    private final String savedRoot = System.getProperty("radstream.root");

    @AfterEach
    void restore() {
        restore("radstream.s3proxy.jar", savedJar);
        restore("radstream.root", savedRoot);
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    @Test
    void shouldPreferAnExplicitlyConfiguredS3ProxyJar(@TempDir Path dir) {
        System.setProperty("radstream.s3proxy.jar", dir.resolve("custom.jar").toString());
        assertThat(ChildJvm.locateS3ProxyJar()).isEqualTo(dir.resolve("custom.jar"));
    }

    @Test
    void shouldFindTheS3ProxyJarCopiedIntoTheReactorBuild(@TempDir Path root) throws Exception {
        Path jar = Files.createDirectories(root.resolve("local-stack/target/s3proxy")).resolve("s3proxy.jar");
        Files.write(jar, new byte[] {0});
        System.clearProperty("radstream.s3proxy.jar");
        System.setProperty("radstream.root", root.toString());
        assertThat(ChildJvm.locateS3ProxyJar()).isEqualTo(jar);
    }

    @Test
    void shouldKeepTheLastLinesOfAChildsOutput(@TempDir Path dir) throws Exception {
        StringBuilder log = new StringBuilder();
        for (int i = 1; i <= 40; i++) {
            log.append("line ").append(i).append('\n');
        }
        Files.writeString(dir.resolve("child.log"), log);
        assertThat(ChildJvm.tail(dir.resolve("child.log"))).startsWith("line 16\n").endsWith("line 40");
        assertThat(ChildJvm.tail(dir.resolve("missing.log"))).startsWith("(no output");
    }

    @Test
    void shouldRoundTripTheSharedStackConfigThroughASystemPropertyValue() {
        Map<String, String> config = Map.of("kafka.bootstrap.servers", "localhost:1=2&3", "radstream.s3.endpoint", "http://x:9/");
        assertThat(RadStreamStackResource.decode(RadStreamStackResource.encode(config))).isEqualTo(config);
    }
}
