package io.radstream.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives the {@code @QuarkusTest} application a free port chosen before it starts, so that it can
 * advertise its API to another instance ({@code radstream.results.advertised-url}); with the usual
 * {@code test-port=0} the port is known only once Kafka Streams already runs.
 */
public class AdvertisedTestPort implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        try {
            int port = SecondInstance.freePort();
            return Map.of("quarkus.http.test-port", String.valueOf(port),
                    "radstream.results.advertised-url", "http://localhost:" + port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        // nothing to release: the port belongs to the application
    }
}
