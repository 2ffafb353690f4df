package io.radstream.results;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import io.radstream.schemas.events.StudyReport;

/**
 * The {@link StudyProcessor}'s reports: each revision is saved in the report store, and each changed
 * report is published once per {@code report-publish-interval}, in its latest revision, instead of once
 * per event. A 300-slice CT series is hundreds of arrivals and findings; a revision per event would write
 * the whole, growing report to {@code radstream.study-reports} hundreds of times (quadratic in the series
 * length for the broker and every reader). The report store keeps each revision as an object until the
 * task commits ({@link DeferredEncodingStore}), so the latest revision is read back without decoding.
 *
 * <p>Changed studies are recorded in a logged store, so every change is published exactly once across
 * crashes (exactly-once v2: the marker, its deletion and the published revision commit together).
 */
final class StudyReports {

    private final ProcessorContext<String, SpecificRecordBase> context;
    private final KeyValueStore<String, StudyReport> store;
    private final KeyValueStore<String, Long> changed;
    private final boolean publishEachRevision;

    StudyReports(ProcessorContext<String, SpecificRecordBase> context, ResultsConfig config) {
        this.context = context;
        this.store = context.getStateStore(TopologyProducer.REPORT_STORE);
        this.changed = context.getStateStore(TopologyProducer.CHANGED_REPORT_STORE);
        this.publishEachRevision = config.reportPublishInterval().isZero();
        if (!publishEachRevision) {
            context.schedule(config.reportPublishInterval(), PunctuationType.WALL_CLOCK_TIME, now -> publishChanged());
        }
    }

    /** Every stored report (at start-up, before anything is unpublished). */
    void forEachStored(Consumer<StudyReport> action) {
        try (KeyValueIterator<String, StudyReport> all = store.all()) {
            all.forEachRemaining(entry -> action.accept(entry.value));
        }
    }

    /** The latest revision of {@code study}'s report, or null. */
    StudyReport get(String study) {
        return store.get(study);
    }

    /** Saves a new revision; published with the next round (at once with a publish interval of 0). */
    void save(StudyReport next) {
        String study = next.getStudyInstanceUid();
        store.put(study, next);
        if (publishEachRevision) {
            publish(next);
        } else {
            changed.put(study, context.currentSystemTimeMs());
        }
    }

    private void publishChanged() {
        List<String> studies = new ArrayList<>();
        try (KeyValueIterator<String, Long> all = changed.all()) {
            all.forEachRemaining(entry -> studies.add(entry.key));
        }
        for (String study : studies) {
            StudyReport report = get(study);
            if (report != null) {
                publish(report);
            }
            changed.delete(study);
        }
    }

    private void publish(StudyReport report) {
        context.forward(new Record<>(report.getStudyInstanceUid(), report, context.currentSystemTimeMs()));
    }
}
