package io.radstream.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;

/**
 * A real S3-compatible server for tests and the demo: s3proxy 3.1.0 with the
 * {@code filesystem-nio2} backend, forked as a child JVM (never loaded into the caller's
 * classpath) and killed on {@link #close()}, by a shutdown hook, and by the child itself when the
 * parent's pipe closes. An instance made by {@link #attach} talks to a server owned elsewhere.
 */
public final class LocalS3 implements AutoCloseable {

    /** Fixed development access key. */
    public static final String ACCESS_KEY = "radstream";
    /** Fixed development secret key. */
    public static final String SECRET_KEY = "radstream-dev-secret";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final String endpoint;
    private final Process process;
    private final Thread reaper;
    private final Path logFile;

    private LocalS3(String endpoint, Process process, Path logFile) {
        this.endpoint = endpoint;
        this.process = process;
        this.logFile = logFile;
        this.reaper = process == null ? null : new Thread(process::destroyForcibly, "local-s3-reaper");
        if (reaper != null) {
            Runtime.getRuntime().addShutdownHook(reaper);
        }
    }

    /**
     * Forks s3proxy and waits until it answers HTTP.
     *
     * @param port    loopback port to serve on; 0 picks a free one
     * @param dataDir directory for buckets ({@code buckets/}), the server's config and its log
     * @return the running server
     */
    public static LocalS3 start(int port, Path dataDir) {
        Path jar = ChildJvm.locateS3ProxyJar();
        if (port != 0) {
            Net.requireFree(port, "S3");
        }
        IllegalStateException failure = null;
        for (int attempt = 0; attempt < (port == 0 ? 3 : 1); attempt++) { // a picked free port can be raced
            int actual = port == 0 ? Net.freePort() : port;
            try {
                return startOn(jar, actual, dataDir);
            } catch (IllegalStateException e) {
                failure = e;
            }
        }
        throw failure;
    }

    /** A handle on an S3 server started elsewhere (same credentials); {@link #close()} does nothing. */
    public static LocalS3 attach(String endpoint) {
        return new LocalS3(endpoint, null, null);
    }

    private static LocalS3 startOn(Path jar, int port, Path dataDir) {
        String endpoint = "http://" + Net.HOST + ":" + port;
        try {
            Path buckets = Files.createDirectories(dataDir.resolve("buckets"));
            Path launcher = dataDir.resolve("launcher");
            Path childClass = launcher.resolve("io/radstream/localstack/S3ProxyChild.class");
            Files.createDirectories(childClass.getParent());
            try (InputStream in = LocalS3.class.getResourceAsStream("S3ProxyChild.class")) {
                if (in == null) {
                    throw new IllegalStateException("S3ProxyChild.class is not readable as a resource");
                }
                Files.copy(in, childClass, StandardCopyOption.REPLACE_EXISTING);
            }
            Properties props = new Properties();
            props.setProperty("s3proxy.endpoint", endpoint);
            props.setProperty("s3proxy.authorization", "aws-v2-or-v4");
            props.setProperty("s3proxy.identity", ACCESS_KEY);
            props.setProperty("s3proxy.credential", SECRET_KEY);
            props.setProperty("s3proxy.cors-allow-all", "true");
            props.setProperty("jclouds.provider", "filesystem-nio2");
            props.setProperty("jclouds.filesystem.basedir", buckets.toAbsolutePath().toString());
            props.setProperty("jclouds.identity", ACCESS_KEY);
            props.setProperty("jclouds.credential", SECRET_KEY);
            Path config = dataDir.resolve("s3proxy.properties");
            try (var out = Files.newBufferedWriter(config)) {
                props.store(out, "written by io.radstream.localstack.LocalS3");
            }
            Path log = dataDir.resolve("s3proxy.log");
            // s3proxy holds a signed single-part PUT in memory to check its SHA-256, and ingest writes every
            // instance (up to its 256 MB limit) in one conditional PUT: room for a few of the largest at once
            ProcessBuilder builder = new ProcessBuilder(ChildJvm.javaExecutable(), "-Xms32m", "-Xmx1g", "-XX:+UseSerialGC",
                    "-DLOG_LEVEL=info", "-cp", jar + java.io.File.pathSeparator + launcher,
                    S3ProxyChild.class.getName(), "--properties", config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            LocalS3 s3 = new LocalS3(endpoint, builder.start(), log); // stdin stays a pipe: the child's lifeline
            try {
                s3.awaitReady();
                return s3;
            } catch (RuntimeException e) {
                s3.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start s3proxy in " + dataDir, e);
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("s3proxy exited with " + process.exitValue() + " before serving "
                        + endpoint + "; last output:\n" + ChildJvm.tail(logFile));
            }
            try {
                HttpURLConnection http = (HttpURLConnection) URI.create(endpoint + "/").toURL().openConnection();
                http.setConnectTimeout(500);
                http.setReadTimeout(2000);
                http.getResponseCode(); // any HTTP answer (403 for anonymous) means it serves
                http.disconnect();
                return;
            } catch (IOException notYet) {
                // not listening yet
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for s3proxy", e);
            }
        }
        throw new IllegalStateException("s3proxy did not answer on " + endpoint + " within " + START_TIMEOUT
                + "; last output:\n" + ChildJvm.tail(logFile));
    }

    /** @return the endpoint URL, e.g. {@code http://127.0.0.1:9000} */
    public String endpoint() {
        return endpoint;
    }

    /** @return the access key of the development credentials */
    public String accessKey() {
        return ACCESS_KEY;
    }

    /** @return the secret key of the development credentials */
    public String secretKey() {
        return SECRET_KEY;
    }

    /** @return the child process, when this instance owns one */
    public Optional<ProcessHandle> process() {
        return Optional.ofNullable(process).map(Process::toHandle);
    }

    /** @return a new MinIO client for this server; the caller must close it */
    public MinioClient newClient() {
        return MinioClient.builder().endpoint(endpoint).region("us-east-1").credentials(ACCESS_KEY, SECRET_KEY).build();
    }

    /** Creates {@code bucket} unless it exists. */
    public void createBucket(String bucket) {
        try (MinioClient client = newClient()) {
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot create bucket " + bucket + " on " + endpoint, e);
        }
    }

    /** Kills the child s3proxy (if this instance owns one) and waits until it is gone. */
    @Override
    public void close() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: nothing to remove
        }
    }
}
