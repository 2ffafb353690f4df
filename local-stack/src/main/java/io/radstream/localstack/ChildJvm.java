package io.radstream.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Optional;

/** Helpers for forking child JVMs: which {@code java}, where the s3proxy jar is, a log's tail. */
final class ChildJvm {

    static final String S3PROXY_VERSION = "3.1.0";

    private ChildJvm() {
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size()));
        } catch (IOException | RuntimeException e) {
            return "(no output: " + e + ")";
        }
    }

    /** The s3proxy jar: system property, reactor build output, a parent directory's build output, or ~/.m2. */
    static Path locateS3ProxyJar() {
        String explicit = System.getProperty("radstream.s3proxy.jar");
        if (explicit != null && !explicit.isBlank()) {
            return Paths.get(explicit);
        }
        Path relative = Paths.get("local-stack", "target", "s3proxy", "s3proxy.jar");
        String root = System.getProperty("radstream.root");
        if (root != null && !root.isBlank() && Files.isRegularFile(Paths.get(root).resolve(relative))) {
            return Paths.get(root).resolve(relative);
        }
        for (Path dir = Paths.get(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(relative))) {
                return dir.resolve(relative);
            }
        }
        Path m2 = Paths.get(System.getProperty("user.home"), ".m2", "repository", "org", "gaul", "s3proxy",
                S3PROXY_VERSION, "s3proxy-" + S3PROXY_VERSION + "-jar-with-dependencies.jar");
        if (Files.isRegularFile(m2)) {
            return m2;
        }
        throw new IllegalStateException("s3proxy jar not found: set -Dradstream.s3proxy.jar, or build it with "
                + "'./mvnw -pl local-stack install' (it is copied to " + relative + ")");
    }

    static String javaExecutable() {
        Optional<String> current = ProcessHandle.current().info().command();
        return current.orElseGet(() -> Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    }

}
