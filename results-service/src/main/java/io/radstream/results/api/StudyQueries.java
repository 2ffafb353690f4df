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
import io.radstream.schemas.events.AlertAcknowledged;
import io.radstream.schemas.events.AlertEscalated;
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

    /** @throws InvalidStateStoreException while the reports are not queryable (starting, rebalancing) */
    public void requireQueryable() {
        store(TopologyProducer.REPORT_STORE);
    }

    /** Every report this instance holds. */
    public List<StudyReport> reports() {
        List<StudyReport> reports = new ArrayList<>();
        try (KeyValueIterator<String, StudyReport> all = this.<StudyReport>store(TopologyProducer.REPORT_STORE).all()) {
            all.forEachRemaining(entry -> reports.add(entry.value));
        }
        return reports;
    }

    public Optional<AlertView> alert(String alertId) {
        return Optional.ofNullable(this.<UrgentAlert>store(TopologyProducer.ALERT_STORE).get(alertId)).map(this::view);
    }

    /** Alerts matching {@code filter}, newest first, at most {@code limit}. */
    public List<AlertView> alerts(Predicate<AlertView> filter, int limit) {
        ReadOnlyKeyValueStore<String, AlertAcknowledged> acks = store(TopologyProducer.ACK_STORE);
        ReadOnlyKeyValueStore<String, AlertEscalated> escalations = store(TopologyProducer.ESCALATION_STORE);
        List<AlertView> matching = new ArrayList<>();
        try (KeyValueIterator<String, UrgentAlert> all = this.<UrgentAlert>store(TopologyProducer.ALERT_STORE).all()) {
            all.forEachRemaining(entry -> {
                AlertView view = AlertView.from(entry.value, acks.get(entry.key), escalations.get(entry.key));
                if (filter.test(view)) {
                    matching.add(view);
                }
            });
        }
        return matching.stream()
                .sorted(Comparator.comparing(AlertView::raisedAt).reversed())
                .limit(limit)
                .toList();
    }

    private AlertView view(UrgentAlert alert) {
        String id = alert.getAlertId();
        return AlertView.from(alert, this.<AlertAcknowledged>store(TopologyProducer.ACK_STORE).get(id),
                this.<AlertEscalated>store(TopologyProducer.ESCALATION_STORE).get(id));
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(String name) {
        try {
            return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
        } catch (IllegalStateException notRunning) {
            throw new InvalidStateStoreException(notRunning.getMessage(), notRunning);
        }
    }
}
