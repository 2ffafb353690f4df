package io.radstream.demo;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One packaged RadStream service ({@code <module>/target/quarkus-app/quarkus-run.jar}) as a child
 * JVM on a free port, configured with system properties as the launcher runs it; used by the
 * end-to-end test and the benchmarks.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final int FIRST_SERVICE_PORT = 20_000;
    private static final int LAST_SERVICE_PORT = 32_000;

    private final String module;
    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient http = HttpClient.newHttpClient();

    private ServiceProcess(String module, Process process, int port, Path log) {
        this.module = module;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts a module's packaged service without waiting for it (see {@link #awaitReady}).
     *
     * @param jvmOptions e.g. {@code -Xmx512m}
     */
    public static ServiceProcess launch(Path root, String module, Map<String, String> config, Path log,
                                        String... jvmOptions) throws IOException {
        Path jar = root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first (./mvnw verify does)");
        }
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(javaExecutable()));
        command.addAll(List.of(jvmOptions));
        config.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-Dquarkus.http.port=" + port);
        command.addAll(List.of("-jar", jar.toString()));
        Files.createDirectories(log.toAbsolutePath().getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new ServiceProcess(module, process, port, log);
    }

    /** Starts a module's packaged service (1 GiB heap) and waits up to 180 s until it is ready. */
    public static ServiceProcess start(Path root, String module, Map<String, String> config, Path log)
            throws IOException, InterruptedException {
        ServiceProcess service = launch(root, module, config, log, "-Xmx1g", "-XX:+UseParallelGC");
        service.awaitReady(Duration.ofSeconds(180));
        return service;
    }

    /** Waits until {@code /q/health/ready} answers 200; stops the process and fails if it dies or times out. */
    public void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (get("/q/health/ready") != 200) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                close();
                throw new IllegalStateException(module + " did not start; see " + log + "\n" + logTail());
            }
            Thread.sleep(250);
        }
    }

    /** Where the service answers HTTP. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public String module() {
        return module;
    }

    /** The service JVM's process id (for jcmd). */
    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** @return the HTTP status of a GET, or -1 when the service does not answer */
    public int get(String path) {
        try {
            return send(path).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    public String body(String path) throws IOException, InterruptedException {
        return send(path).body();
    }

    /** The Prometheus text of {@code /q/metrics}. */
    public String metrics() throws IOException, InterruptedException {
        return body("/q/metrics");
    }

    /** The last 40 lines of the service's log, for failure messages. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private HttpResponse<String> send(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri().resolve(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /**
     * A free port below Linux's ephemeral range (32768 and up), so that no outgoing connection and
     * no other {@code bind(0)} can take it between this check and the service binding it.
     */
    private static int freePort() throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int candidate = ThreadLocalRandom.current().nextInt(FIRST_SERVICE_PORT, LAST_SERVICE_PORT);
            try (ServerSocket socket = new ServerSocket(candidate)) {
                return socket.getLocalPort();
            } catch (IOException inUse) {
                // try another
            }
        }
        throw new IOException("no free port in " + FIRST_SERVICE_PORT + "-" + LAST_SERVICE_PORT);
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
