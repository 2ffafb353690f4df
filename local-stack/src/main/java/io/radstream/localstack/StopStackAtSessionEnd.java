package io.radstream.localstack;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Stops the JVM's shared {@link RadStreamStackResource} stack when the JUnit launcher session
 * closes, i.e. after the last test class and its Quarkus application, while the test JVM is still
 * running normally. Stopping the broker and the s3proxy child inside a JVM shutdown hook instead
 * races with the other hooks of a closing test JVM (the build tool reads a non-zero exit as a
 * failed fork); the hook remains only as a fallback.
 *
 * <p>Registered through {@code META-INF/services}; a test JVM that never used the stack finds
 * nothing to stop.
 */
public final class StopStackAtSessionEnd implements LauncherSessionListener {

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        Object stopper = System.getProperties().get(RadStreamStackResource.STOPPER_KEY);
        if (stopper instanceof Runnable stop) {
            stop.run();
        }
    }
}
