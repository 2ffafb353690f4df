package io.radstream.results;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import io.radstream.schemas.Topic;
import io.radstream.schemas.Topics;
import io.radstream.schemas.events.DeadLetter;

/**
 * The results topology: both image lanes, the findings and the alert acknowledgements, decoded (undecodable records become dead
 * letters), aligned to the partitioning of the findings topic, folded per study by
 * {@link StudyProcessor} into reports and alerts, and routed to their registry topics.
 */
@ApplicationScoped
public class TopologyProducer {

    /** StudyInstanceUID → latest {@link io.radstream.schemas.events.StudyReport}. */
    public static final String REPORT_STORE = "study-reports";
    /** alertId → {@link io.radstream.schemas.events.UrgentAlert}; also the record of alerts already raised. */
    public static final String ALERT_STORE = "urgent-alerts";
    /** alertId → the first {@link io.radstream.schemas.events.AlertAcknowledged} of the alert. */
    public static final String ACK_STORE = "alert-acks";
    /** alertId of each unacknowledged alert → epoch millis its next escalation is due (Long.MAX_VALUE: no more). */
    public static final String OPEN_ALERT_STORE = "open-alerts";
    /** alertId → its latest {@link io.radstream.schemas.events.AlertEscalated}. */
    public static final String ESCALATION_STORE = "alert-escalations";
    /** StudyInstanceUID of a PRELIMINARY report → epoch millis of its last change. */
    public static final String FINAL_DUE_STORE = "final-due";
    /** "study/sop/label" of each positive (image, label) → epoch millis first seen. */
    public static final String POSITIVE_IMAGE_STORE = "positive-images";
    /** StudyInstanceUID of each report changed since it was last published → epoch millis of the change. */
    public static final String CHANGED_REPORT_STORE = "changed-reports";
    /** Global: "tenant/patientKey/MODALITY" → the latest FINAL or AMENDED report (from {@link Topics#PRIORS}). */
    public static final String PRIOR_STORE = "priors";
    /** The processor node that folds events into reports. */
    public static final String STUDY_PROCESSOR = "study-processor";

    private final ResultsConfig config;
    private final ResultsMetrics metrics;
    private final Serde<SpecificRecordBase> events = new EventSerde();

    @Inject
    public TopologyProducer(ResultsConfig config, ResultsMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
    }

    @Produces
    public Topology topology() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(DeferredEncodingStore.builder(REPORT_STORE, Topics.STUDY_REPORTS.valueSerde()));
        builder.addStateStore(store(ALERT_STORE, Topics.URGENT_ALERTS.valueSerde()));
        builder.addStateStore(store(ACK_STORE, Topics.ALERT_ACKS.valueSerde()));
        builder.addStateStore(store(OPEN_ALERT_STORE, Serdes.Long()));
        builder.addStateStore(store(ESCALATION_STORE, Topics.ALERT_ESCALATIONS.valueSerde()));
        builder.addStateStore(store(FINAL_DUE_STORE, Serdes.Long()).withCachingEnabled());
        builder.addStateStore(store(POSITIVE_IMAGE_STORE, Serdes.Long()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(CHANGED_REPORT_STORE),
                Serdes.String(), Serdes.Long()).withCachingEnabled());

        builder.addGlobalStore(store(PRIOR_STORE, Topics.PRIORS.valueSerde()).withLoggingDisabled(), Topics.PRIORS.name(),
                Consumed.with(Topics.PRIORS.keySerde(), Topics.PRIORS.valueSerde()).withName("priors-source"),
                PriorStoreUpdater::new);

        KStream<String, SpecificRecordBase> inbound = decoded(builder, Topics.IMAGES_STAT)
                .merge(decoded(builder, Topics.IMAGES_ROUTINE))
                .merge(decoded(builder, Topics.FINDINGS))
                .merge(decoded(builder, Topics.ALERT_ACKS));
        inbound.filterNot(TopologyProducer::isDeadLetter)
                .process(() -> new StudyProcessor(config, metrics), Named.as(STUDY_PROCESSOR),
                        REPORT_STORE, ALERT_STORE, ACK_STORE, OPEN_ALERT_STORE, ESCALATION_STORE, FINAL_DUE_STORE,
                        POSITIVE_IMAGE_STORE, CHANGED_REPORT_STORE)
                .merge(inbound.filter(TopologyProducer::isDeadLetter))
                .to(EventSerde::topicOf, Produced.with(Serdes.String(), events));
        return builder.build();
    }

    /**
     * A topic's records, decoded; repartitioned to the findings' partition count when the topic has
     * another, so that every event of a study reaches the same task and store.
     */
    private KStream<String, SpecificRecordBase> decoded(StreamsBuilder builder, Topic<?> topic) {
        KStream<String, SpecificRecordBase> decoded = builder
                .stream(topic.name(), Consumed.with(topic.keySerde(), Serdes.ByteArray()).withName(topic.name()))
                .process(() -> new DecodeProcessor(topic, metrics), Named.as("decode-" + topic.name()));
        int partitions = Topics.FINDINGS.partitions();
        if (topic.partitions() == partitions) {
            return decoded;
        }
        return decoded.repartition(Repartitioned.<String, SpecificRecordBase>as(topic.name())
                .withKeySerde(Serdes.String())
                .withValueSerde(events)
                .withNumberOfPartitions(partitions));
    }

    private static boolean isDeadLetter(String key, SpecificRecordBase value) {
        return value instanceof DeadLetter;
    }

    private static <V> StoreBuilder<KeyValueStore<String, V>> store(String name, Serde<V> valueSerde) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), valueSerde);
    }
}
