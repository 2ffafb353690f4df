package io.radstream.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.minio.BucketExistsArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.radstream.schemas.Topic;
import io.radstream.schemas.Topics;

class LocalStackMainIT {

    private static final Duration START = Duration.ofSeconds(180);

    @TempDir
    Path tmp;
    private final List<Launched> launched = new ArrayList<>();

    /** A LocalStackMain child JVM with its stdout lines and its s3proxy grandchild. */
    private record Launched(Process process, List<String> stdout, Path stderr) {
        ProcessHandle s3proxy() {
            return process.descendants().filter(p -> p.info().commandLine().orElse("").contains("S3ProxyChild"))
                    .findFirst().orElseThrow();
        }

        String output() throws IOException {
            return "stdout:\n" + String.join("\n", stdout) + "\nstderr:\n" + Files.readString(stderr);
        }
    }

    @AfterEach
    void killLeftovers() {
        for (Launched l : launched) {
            l.process.descendants().forEach(ProcessHandle::destroyForcibly);
            l.process.destroyForcibly();
        }
    }

    private Launched launch(String... args) throws IOException {
        Path target = Paths.get("target").toAbsolutePath();
        String classpath = target.resolve("classes") + File.pathSeparator
                + Files.readString(target.resolve("classpath.txt")).trim();
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx512m", "-cp", classpath, LocalStackMain.class.getName()));
        command.addAll(List.of(args));
        Path stderr = Files.createTempFile(tmp, "main", ".err");
        Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        List<String> stdout = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                in.lines().forEach(stdout::add);
            } catch (IOException ignored) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        Launched l = new Launched(process, stdout, stderr);
        launched.add(l);
        return l;
    }

    private Launched launchReady(int kafkaPort, int s3Port, Path dataDir, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("--kafka-port", String.valueOf(kafkaPort), "--s3-port",
                String.valueOf(s3Port), "--data-dir", dataDir.toString()));
        args.addAll(List.of(extra));
        Launched l = launch(args.toArray(String[]::new));
        await().atMost(START).until(() -> l.stdout.contains("READY kafka=127.0.0.1:" + kafkaPort
                + " s3=http://127.0.0.1:" + s3Port) || !l.process.isAlive());
        assertThat(l.process.isAlive()).as(l.output()).isTrue();
        return l;
    }

    private static void stopCleanly(Launched l) throws Exception {
        ProcessHandle s3proxy = l.s3proxy();
        l.process.toHandle().destroy(); // SIGTERM (Process.destroy would also close our end of its stdout)
        assertThat(l.process.waitFor(60, TimeUnit.SECONDS)).as(l.output()).isTrue();
        assertThat(l.process.exitValue()).as(l.output()).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> l.stdout.contains("STOPPED"));
        assertThat(s3proxy.isAlive()).isFalse();
    }

    private static Map<String, String> config(int kafkaPort, int s3Port) {
        return Map.of("kafka.bootstrap.servers", "127.0.0.1:" + kafkaPort, "radstream.s3.endpoint", "http://127.0.0.1:" + s3Port);
    }

    private static List<String> objectKeys(MinioClient s3) throws Exception {
        List<String> keys = new ArrayList<>();
        for (var item : s3.listObjects(ListObjectsArgs.builder().bucket(LocalStack.IMAGES_BUCKET).recursive(true).build())) {
            keys.add(item.get().objectName());
        }
        return keys;
    }

    @Test
    void shouldServeKafkaAndS3OnTheGivenPortsUntilSigtermAndRestartOnTheSameDataDir() throws Exception {
        int kafkaPort = Net.freePort();
        int s3Port = Net.freePort();
        Path dataDir = tmp.resolve("data");
        LocalStack remote = LocalStack.attach(config(kafkaPort, s3Port));

        Launched first = launchReady(kafkaPort, s3Port, dataDir);
        try (Admin admin = remote.kafka().newAdmin(); MinioClient s3 = remote.s3().newClient()) {
            assertThat(admin.listTopics().names().get()).containsAll(Topics.all().stream().map(Topic::name).toList());
            assertThat(s3.bucketExists(BucketExistsArgs.builder().bucket(LocalStack.IMAGES_BUCKET).build())).isTrue();
            s3.putObject(PutObjectArgs.builder().bucket(LocalStack.IMAGES_BUCKET).object("t1/kept.dcm")
                    .stream(new ByteArrayInputStream(new byte[] {7}), 1, -1).build());
        }
        stopCleanly(first);

        Launched kept = launchReady(kafkaPort, s3Port, dataDir, "--keep-data");
        try (Admin admin = remote.kafka().newAdmin(); MinioClient s3 = remote.s3().newClient()) {
            assertThat(objectKeys(s3)).containsExactly("t1/kept.dcm");
            assertThat(admin.listTopics().names().get()).containsAll(Topics.all().stream().map(Topic::name).toList());
        }
        stopCleanly(kept);

        Launched wiped = launchReady(kafkaPort, s3Port, dataDir);
        try (MinioClient s3 = remote.s3().newClient()) {
            assertThat(objectKeys(s3)).isEmpty();
        }
        stopCleanly(wiped);
    }

    @Test
    void shouldTakeItsS3ServerDownWhenKilledHard() throws Exception {
        Launched l = launchReady(Net.freePort(), Net.freePort(), tmp.resolve("data"));
        ProcessHandle s3proxy = l.s3proxy();
        l.process.destroyForcibly(); // SIGKILL: no shutdown hook runs
        l.process.waitFor(30, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(30)).until(() -> !s3proxy.isAlive());
    }

    @Test
    void shouldFailFastNamingTheTakenPort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Launched l = launch("--kafka-port", String.valueOf(taken.getLocalPort()), "--s3-port",
                    String.valueOf(Net.freePort()), "--data-dir", tmp.resolve("data").toString());
            assertThat(l.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(l.process.exitValue()).isEqualTo(1);
            assertThat(Files.readString(l.stderr)).contains("port " + taken.getLocalPort() + " is already in use");
            assertThat(l.stdout).noneMatch(line -> line.startsWith("READY"));
        }
    }
}
