package io.radstream.results;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import io.radstream.schemas.events.StudyReport;

/** Keeps the global priors store equal to the (compacted) priors topic. */
final class PriorStoreUpdater implements Processor<String, StudyReport, Void, Void> {

    private KeyValueStore<String, StudyReport> priors;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        priors = context.getStateStore(TopologyProducer.PRIOR_STORE);
    }

    @Override
    public void process(Record<String, StudyReport> record) {
        if (record.value() == null) {
            priors.delete(record.key());
        } else {
            priors.put(record.key(), record.value());
        }
    }
}
