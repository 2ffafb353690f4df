package io.radstream.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pins what the report store relies on in Kafka Streams' internals: the task flushes a {@code CachedStateStore}
 * at every commit, so values put as objects reach the changelog, each encoded once per commit.
 */
class DeferredEncodingStoreTest {

    private static final String APPLICATION = "deferred-encoding-test";
    private static final String STORE = "values";
    private static final String CHANGELOG = APPLICATION + "-" + STORE + "-changelog";

    private final AtomicInteger encodes = new AtomicInteger();
    private Path stateDir;
    private TopologyTestDriver driver;
    private TestInputTopic<String, String> commands;
    private TestOutputTopic<String, String> reads;
    private TestOutputTopic<String, String> changelog;

    @BeforeEach
    void startTopology() throws Exception {
        stateDir = Files.createDirectories(Path.of("target", "deferred-encoding", java.util.UUID.randomUUID().toString()));
        Topology topology = new Topology();
        topology.addSource("commands", new StringDeserializer(), new StringDeserializer(), "commands");
        topology.addProcessor("apply", CommandProcessor::new, "commands");
        topology.addStateStore(DeferredEncodingStore.builder(STORE, countingSerde()), "apply");
        topology.addSink("reads", "reads", new StringSerializer(), new StringSerializer(), "apply");
        driver = new TopologyTestDriver(topology, properties());
        commands = driver.createInputTopic("commands", new StringSerializer(), new StringSerializer());
        reads = driver.createOutputTopic("reads", new StringDeserializer(), new StringDeserializer());
        changelog = driver.createOutputTopic(CHANGELOG, new StringDeserializer(), new StringDeserializer());
    }

    @AfterEach
    void stopTopology() throws Exception {
        driver.close();
        Utils.delete(stateDir.toFile());
    }

    @Test
    void shouldEncodeAValuePutManyTimesInOneCommitOnce() {
        commands.pipeInput("study", "put v1,put v2,put v3");

        assertThat(encodes).hasValue(1);
        assertThat(changelog.readKeyValuesToList()).containsExactly(KeyValue.pair("study", "v3"));
    }

    @Test
    void shouldReadTheLatestPutBeforeAnythingIsEncoded() {
        commands.pipeInput("study", "put v1,put v2,get");

        assertThat(reads.readValuesToList()).containsExactly("v2 (encoded 0 times)");
    }

    @Test
    void shouldReadEncodedValuesOfEarlierCommits() {
        commands.pipeInput("study", "put v1");
        commands.pipeInput("study", "get");

        assertThat(reads.readValuesToList()).containsExactly("v1 (encoded 1 times)");
        assertThat(driver.<String, String>getKeyValueStore(STORE).get("study")).isEqualTo("v1");
    }

    @Test
    void shouldLogADeletedValueAsATombstoneAndReadNothingBeforeTheCommit() {
        commands.pipeInput("study", "put v1");
        commands.pipeInput("study", "delete,get");

        assertThat(reads.readValuesToList()).containsExactly("null (encoded 1 times)");
        assertThat(changelog.readKeyValuesToList()).containsExactly(KeyValue.pair("study", "v1"), KeyValue.pair("study", null));
    }

    @Test
    void shouldIterateTheStateAsOfTheLastCommit() {
        commands.pipeInput("a", "put 1");
        commands.pipeInput("b", "put 2");

        KeyValueStore<String, String> store = driver.getKeyValueStore(STORE);
        try (var all = store.all()) {
            assertThat(List.of(all.next(), all.next())).containsExactly(KeyValue.pair("a", "1"), KeyValue.pair("b", "2"));
            assertThat(all.hasNext()).isFalse();
        }
    }

    @Test
    void shouldRefuseToBeBuiltWithoutItsCacheOrChangelog() {
        var builder = DeferredEncodingStore.builder(STORE, Serdes.String());

        assertThatThrownBy(builder::withCachingDisabled).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(builder::withLoggingDisabled).isInstanceOf(UnsupportedOperationException.class);
    }

    private Serde<String> countingSerde() {
        return Serdes.serdeFrom((topic, value) -> {
            encodes.incrementAndGet();
            return value == null ? null : value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }, new StringDeserializer());
    }

    private Properties properties() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        return props;
    }

    /** Applies a comma-separated list of {@code put <value>}, {@code delete} and {@code get} to the record's key. */
    private final class CommandProcessor implements Processor<String, String, String, String> {

        private ProcessorContext<String, String> context;
        private KeyValueStore<String, String> store;

        @Override
        public void init(ProcessorContext<String, String> context) {
            this.context = context;
            this.store = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<String, String> record) {
            for (String command : record.value().split(",")) {
                if (command.startsWith("put ")) {
                    store.put(record.key(), command.substring(4));
                } else if (command.equals("delete")) {
                    store.delete(record.key());
                } else {
                    context.forward(record.withValue(store.get(record.key()) + " (encoded " + encodes.get() + " times)"));
                }
            }
        }
    }
}
