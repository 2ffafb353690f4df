package io.radstream.localstack;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns the in-process broker's chatter down to WARN through {@code java.util.logging}, which is
 * what Quarkus' JBoss LogManager (the slf4j backend on this classpath) implements. No logging
 * binding or config file ships with this module, so nothing fights Quarkus' logging.
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
        for (String category : categories) {
            Logger logger = Logger.getLogger(category);
            if (logger.getLevel() == null) { // an explicit level set by the user wins
                logger.setLevel(Level.WARNING);
            }
            HELD.add(logger);
        }
    }
}
