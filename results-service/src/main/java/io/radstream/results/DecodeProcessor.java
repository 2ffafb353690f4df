package io.radstream.results;

import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.jboss.logging.Logger;

import io.radstream.schemas.Topic;

/**
 * Decodes the raw value of an input topic with the registry serde; a record that does not decode
 * becomes a {@link io.radstream.schemas.events.DeadLetter} instead of stopping the stream.
 */
final class DecodeProcessor implements Processor<String, byte[], String, SpecificRecordBase> {

    private static final Logger LOG = Logger.getLogger(DecodeProcessor.class);

    private final Topic<?> topic;
    private final ResultsMetrics metrics;
    private ProcessorContext<String, SpecificRecordBase> context;

    DecodeProcessor(Topic<?> topic, ResultsMetrics metrics) {
        this.topic = topic;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecordBase> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.value() == null) {
            deadLetter(record, "empty value");
            return;
        }
        try {
            context.forward(record.withValue(topic.valueSerde().fromBytes(record.value())));
        } catch (SerializationException e) {
            deadLetter(record, e.getMessage());
        }
    }

    private void deadLetter(Record<String, byte[]> record, String message) {
        LOG.warnf("Undecodable record on %s (key %s): %s", topic.name(), record.key(), message);
        metrics.deadLettered(DeadLetters.UNDECODABLE);
        context.forward(record.withValue(
                DeadLetters.of(context, record, DeadLetters.UNDECODABLE, message, record.value())));
    }
}
