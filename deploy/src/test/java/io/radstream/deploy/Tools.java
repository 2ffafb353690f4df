package io.radstream.deploy;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.fail;

/** Repository paths and the external validators (kubectl, docker-compose, promtool). */
final class Tools {

    private Tools() {
    }

    /** The repository root: -Dradstream.root from the parent POM's surefire config, else "..". */
    static Path root() {
        String configured = System.getProperty("radstream.root");
        Path root = configured != null && !configured.isBlank() ? Paths.get(configured) : Paths.get("..");
        root = root.toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("docker-compose.yml"))) {
            Path parent = Paths.get("..").toAbsolutePath().normalize();
            if (Files.isRegularFile(parent.resolve("docker-compose.yml"))) {
                return parent;
            }
        }
        return root;
    }

    /** Fails with an actionable message when a validator is not installed (.ci/run installs them). */
    static String require(String executable, String debianPackage) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Paths.get(dir, executable);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        fail(executable + " is not installed; the deploy module validates with it. Install it with "
                + "`apt-get install -y " + debianPackage + "` (.ci/run does this before ./mvnw verify).");
        return null;
    }

    record Result(int exitCode, String stdout, String stderr) {
    }

    static Result run(Path dir, List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("deploy-tool", ".out");
        Path err = Files.createTempFile("deploy-tool", ".err");
        try {
            Process process = new ProcessBuilder(new ArrayList<>(command))
                    .directory(dir.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not finish within 120 s");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    static String runOk(Path dir, List<String> command) throws IOException, InterruptedException {
        Result result = run(dir, command);
        if (result.exitCode() != 0) {
            fail(String.join(" ", command) + " failed with exit code " + result.exitCode() + ":\n"
                    + result.stderr() + "\n" + result.stdout());
        }
        return result.stdout();
    }
}
