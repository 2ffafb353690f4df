package io.radstream.localstack;

import java.io.IOException;
import java.io.InputStream;

/**
 * Entry point of the forked S3 server JVM: runs s3proxy's own {@code Main} and exits as soon as
 * its standard input reaches end-of-file, i.e. as soon as the parent JVM is gone, however it
 * died. That is what guarantees no orphaned s3proxy even when a test JVM is killed.
 *
 * <p>This class is copied as a lone class file next to the s3proxy jar, so it must use the JDK
 * only and must not have nested or anonymous classes.
 */
public final class S3ProxyChild {

    private S3ProxyChild() {
    }

    /**
     * @param args passed unchanged to {@code org.gaul.s3proxy.Main}
     * @throws Exception when s3proxy cannot start
     */
    public static void main(String[] args) throws Exception {
        Thread watchdog = new Thread(S3ProxyChild::exitWhenParentGone, "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        Class.forName("org.gaul.s3proxy.Main").getMethod("main", String[].class).invoke(null, (Object) args);
    }

    private static void exitWhenParentGone() {
        InputStream in = System.in;
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) >= 0) {
                // the parent never writes; anything read is ignored
            }
        } catch (IOException e) {
            // a broken pipe means the same as end-of-file
        }
        System.err.println("[s3proxy] parent process gone; exiting");
        Runtime.getRuntime().halt(0);
    }
}
