package io.radstream.ingest;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import io.radstream.localstack.TopicReader;
import io.radstream.schemas.events.ImageArrived;

/** Base of the ingest integration tests: a reader of both image lanes, open for the whole class. */
public abstract class WithLanes {

    protected static TopicReader<ImageArrived> lanes;

    @BeforeAll
    static void openLanes() {
        lanes = StowBodies.lanes();
    }

    @AfterAll
    static void closeLanes() {
        lanes.close();
    }
}
