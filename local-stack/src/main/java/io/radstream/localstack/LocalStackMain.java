package io.radstream.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import sun.misc.Signal;

/**
 * Runs the demo stack until SIGTERM/SIGINT:
 * {@code java -cp local-stack/target/classes:$(cat local-stack/target/classpath.txt)
 * io.radstream.localstack.LocalStackMain [--kafka-port 9092] [--s3-port 9000]
 * [--data-dir .radstream/data] [--keep-data]}.
 *
 * <p>Prints exactly one line {@code READY kafka=127.0.0.1:9092 s3=http://127.0.0.1:9000} to
 * stdout once both servers serve and every topic and the images bucket exist; on a signal it
 * stops the broker, then the s3proxy child, prints {@code STOPPED} and exits 0. Exits 1 with a
 * message on stderr when it cannot start (e.g. a port is taken) and 2 on bad arguments. The
 * data directory is wiped on start unless {@code --keep-data}.
 */
public final class LocalStackMain {

    private LocalStackMain() {
    }

    /**
     * @param args see the class documentation
     */
    public static void main(String[] args) {
        if (System.getProperty("java.util.logging.manager") == null) {
            System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        }
        int kafkaPort = 9092;
        int s3Port = 9000;
        Path dataDir = Paths.get(".radstream", "data");
        boolean keepData = false;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--kafka-port" -> kafkaPort = Integer.parseInt(args[++i]);
                    case "--s3-port" -> s3Port = Integer.parseInt(args[++i]);
                    case "--data-dir" -> dataDir = Paths.get(args[++i]);
                    case "--keep-data" -> keepData = true;
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
        } catch (RuntimeException e) {
            System.err.println("local-stack: " + e.getMessage() + "\nusage: LocalStackMain [--kafka-port 9092]"
                    + " [--s3-port 9000] [--data-dir .radstream/data] [--keep-data]");
            System.exit(2);
        }
        logWarningsToStderr();
        QuietLogging.quiet(List.of("kafka", "state.change.logger", "org.apache.kafka"));
        System.exit(run(kafkaPort, s3Port, dataDir.toAbsolutePath(), keepData));
    }

    /** JBoss LogManager (the slf4j and log4j-api backend here) has no handler without Quarkus: add one. */
    private static void logWarningsToStderr() {
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tT %4$s [%3$s] %5$s%6$s%n");
        }
        ConsoleHandler console = new ConsoleHandler();
        console.setLevel(Level.WARNING);
        Logger.getLogger("").addHandler(console);
    }

    private static int run(int kafkaPort, int s3Port, Path dataDir, boolean keepData) {
        LocalStack stack;
        try {
            if (!keepData) {
                wipe(dataDir.resolve("kafka"));
                wipe(dataDir.resolve("s3"));
            }
            Files.createDirectories(dataDir);
            stack = LocalStack.startOnPorts(kafkaPort, s3Port, dataDir);
        } catch (IOException | RuntimeException e) {
            System.err.println("local-stack: cannot start: " + describe(e));
            return 1;
        }
        AtomicBoolean stopped = new AtomicBoolean();
        Runnable stop = () -> {
            if (stopped.compareAndSet(false, true)) {
                stack.close(); // broker first, then the s3proxy child
            }
        };
        CountDownLatch signalled = new CountDownLatch(1);
        Signal.handle(new Signal("TERM"), sig -> signalled.countDown());
        Signal.handle(new Signal("INT"), sig -> signalled.countDown());
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "local-stack-stop")); // SIGHUP and the like
        System.out.println("READY kafka=" + stack.kafka().bootstrapServers() + " s3=" + stack.s3().endpoint());
        System.out.flush();
        try {
            signalled.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            stop.run();
        } catch (RuntimeException e) {
            System.err.println("local-stack: unclean shutdown: " + describe(e));
            return 1;
        }
        System.out.println("STOPPED");
        System.out.flush();
        return 0;
    }

    private static String describe(Throwable e) {
        StringBuilder message = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            message.append("\n  caused by: ").append(cause);
        }
        return message.toString();
    }

    private static void wipe(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
