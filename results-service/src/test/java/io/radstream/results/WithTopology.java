package io.radstream.results;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the topology unit tests: a fresh {@link TopologyHarness} (TopologyTestDriver) per test, closed
 * after it. A subclass's own {@code @BeforeEach} runs after this one, so it can already use the harness.
 */
abstract class WithTopology {

    protected TopologyHarness harness;

    @BeforeEach
    void startTopology() {
        harness = new TopologyHarness();
    }

    @AfterEach
    void stopTopology() {
        harness.close();
    }
}
