package io.radstream.results.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import io.radstream.results.TopologyProducer;
import io.radstream.schemas.events.StudyReport;
import io.radstream.schemas.events.UrgentAlert;

/**
 * Interactive queries on this instance's stores. A store that is not queryable (starting,
 * rebalancing) surfaces as {@link org.apache.kafka.streams.errors.InvalidStateStoreException}.
 */
@ApplicationScoped
public class StudyQueries {

    private final KafkaStreams streams;

    @Inject
    public StudyQueries(KafkaStreams streams) {
        this.streams = streams;
    }

    public Optional<StudyReport> report(String studyInstanceUid) {
        return Optional.ofNullable(this.<StudyReport>store(TopologyProducer.REPORT_STORE).get(studyInstanceUid));
    }

    /** Alerts matching {@code filter}, newest first, at most {@code limit}. */
    public List<UrgentAlert> alerts(Predicate<UrgentAlert> filter, int limit) {
        List<UrgentAlert> matching = new ArrayList<>();
        try (KeyValueIterator<String, UrgentAlert> all = this.<UrgentAlert>store(TopologyProducer.ALERT_STORE).all()) {
            all.forEachRemaining(entry -> {
                if (filter.test(entry.value)) {
                    matching.add(entry.value);
                }
            });
        }
        return matching.stream()
                .sorted(Comparator.comparing(UrgentAlert::getRaisedAt).reversed())
                .limit(limit)
                .toList();
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(String name) {
        try {
            return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
        } catch (IllegalStateException notRunning) {
            throw new InvalidStateStoreException(notRunning.getMessage(), notRunning);
        }
    }
}
