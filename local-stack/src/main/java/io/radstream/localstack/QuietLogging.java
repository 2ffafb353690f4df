package io.radstream.localstack;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.jboss.logmanager.LogContext;

/**
 * Turns the in-process broker's chatter down to WARN. The slf4j and log4j-api backend on this
 * classpath is JBoss LogManager; under Quarkus it is also {@code java.util.logging}'s manager, but in a
 * plain JVM (the benchmarks, {@code ./radstream up}, the end-to-end tests) it is a separate log context
 * whose root level is ALL, so every broker and client trace message would be built and then dropped.
 * Levels are therefore set in both. No logging binding or config file ships with this module, so
 * nothing fights Quarkus' logging.
 */
final class QuietLogging {

    /** Categories used only by the broker and controller, never by Kafka clients or Kafka Streams. */
    static final List<String> BROKER_CATEGORIES = List.of("kafka", "state.change.logger",
            "org.apache.kafka.server", "org.apache.kafka.controller", "org.apache.kafka.raft",
            "org.apache.kafka.metadata", "org.apache.kafka.image", "org.apache.kafka.storage",
            "org.apache.kafka.coordinator", "org.apache.kafka.queue", "org.apache.kafka.snapshot",
            "org.apache.kafka.network", "org.apache.kafka.security", "org.apache.kafka.timeline",
            "org.apache.kafka.common.test", "org.apache.kafka.jmh");

    /** JUL keeps loggers weakly; hold them so the levels stick. */
    private static final List<Logger> HELD = new ArrayList<>();

    private QuietLogging() {
    }

    static synchronized void quiet(List<String> categories) {
        rootToInfoWhenUnconfigured();
        for (String category : categories) {
            warnUnlessSet(Logger.getLogger(category));
            warnUnlessSet(LogContext.getLogContext().getLogger(category));
        }
    }

    /** JBoss LogManager's unconfigured root is ALL (trace on everywhere); INFO is what Quarkus would default to. */
    private static void rootToInfoWhenUnconfigured() {
        Logger root = LogContext.getLogContext().getLogger("");
        if (root.getLevel() == null || root.getLevel() == Level.ALL) {
            root.setLevel(Level.INFO);
            HELD.add(root);
        }
    }

    private static void warnUnlessSet(Logger logger) {
        if (logger.getLevel() == null) { // an explicit level set by the user wins
            logger.setLevel(Level.WARNING);
        }
        HELD.add(logger);
    }
}
