package io.radstream.results;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

import io.radstream.schemas.events.AlertAcknowledged;
import io.radstream.schemas.events.Finding;
import io.radstream.schemas.events.ImageArrived;
import io.radstream.schemas.events.LabelScore;
import io.radstream.schemas.events.ReportStatus;
import io.radstream.schemas.events.StudyReport;

/**
 * Keeps one {@link StudyReport} per study from arrivals and findings, publishes changed reports through the
 * {@link StudyReports} (latest revision once per processing round),
 * finalises PRELIMINARY reports after a quiet period (wall-clock time), and hands alerts and their
 * acknowledgements to the {@link AlertTracker}.
 */
final class StudyProcessor implements Processor<String, SpecificRecordBase, String, SpecificRecordBase> {

    private static final Logger LOG = Logger.getLogger(StudyProcessor.class);

    private final ResultsConfig config;
    private final ResultsMetrics metrics;
    private ProcessorContext<String, SpecificRecordBase> context;
    private StudyReports reports;
    private KeyValueStore<String, Long> finalDue;
    private KeyValueStore<String, Long> positiveImages;
    private KeyValueStore<String, StudyReport> priors;
    private ResultsMetrics.StatusTally tally;
    private AlertTracker alerts;

    StudyProcessor(ResultsConfig config, ResultsMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecordBase> context) {
        this.context = context;
        finalDue = context.getStateStore(TopologyProducer.FINAL_DUE_STORE);
        positiveImages = context.getStateStore(TopologyProducer.POSITIVE_IMAGE_STORE);
        priors = context.getStateStore(TopologyProducer.PRIOR_STORE);
        reports = new StudyReports(context, config);
        tally = metrics.tally();
        reports.forEachStored(report -> tally.move(null, report.getStatus()));
        alerts = new AlertTracker(context, config, metrics);
        context.schedule(config.punctuateInterval(), PunctuationType.WALL_CLOCK_TIME, this::punctuate);
    }

    @Override
    public void process(Record<String, SpecificRecordBase> record) {
        try {
            if (record.value() instanceof ImageArrived arrival) {
                requireKey(record, arrival.getStudyInstanceUid());
                onArrival(arrival);
            } else if (record.value() instanceof Finding finding) {
                requireKey(record, finding.getStudyInstanceUid());
                onFinding(finding);
            } else if (record.value() instanceof AlertAcknowledged ack) {
                requireKey(record, ack.getStudyInstanceUid());
                alerts.acknowledge(ack);
            } else {
                throw new BadEventException("Unexpected event " + record.value().getClass().getSimpleName());
            }
        } catch (BadEventException e) {
            LOG.warnf("Bad event (key %s): %s", record.key(), e.getMessage());
            metrics.deadLettered(DeadLetters.BAD_EVENT);
            context.forward(record.withValue(DeadLetters.of(context, record, DeadLetters.BAD_EVENT, e.getMessage(), null)));
        }
    }

    @Override
    public void close() {
        if (tally != null) {
            tally.release();
        }
        if (alerts != null) {
            alerts.close();
        }
    }

    private void onArrival(ImageArrived arrival) {
        StudyReport current = reports.get(arrival.getStudyInstanceUid());
        ReportFolder.arrival(current, arrival, now()).ifPresent(next -> save(current, next));
    }

    private void onFinding(Finding finding) {
        StudyReport current = reports.get(finding.getStudyInstanceUid());
        Optional<StudyReport> next = ReportFolder.finding(current, finding,
                label -> positiveImages.get(positiveKey(finding, label)) != null, now());
        if (next.isEmpty()) {
            return;
        }
        save(current, next.get());
        rememberPositives(finding);
        alerts.raise(finding, now());
    }

    private void punctuate(long nowMs) {
        finalizeQuietStudies(nowMs);
        alerts.escalateDue(nowMs);
    }

    private void finalizeQuietStudies(long nowMs) {
        long quietMs = config.finalQuietPeriod().toMillis();
        List<String> due = new ArrayList<>();
        try (KeyValueIterator<String, Long> all = finalDue.all()) {
            all.forEachRemaining(entry -> addIfDue(due, entry, nowMs - quietMs));
        }
        for (String study : due) {
            StudyReport current = reports.get(study);
            if (current == null || current.getStatus() != ReportStatus.PRELIMINARY) {
                finalDue.delete(study);
            } else {
                save(current, ReportFolder.finalized(current, Instant.ofEpochMilli(nowMs)));
            }
        }
    }

    private static void addIfDue(List<String> due, KeyValue<String, Long> entry, long changedBeforeMs) {
        if (entry.value <= changedBeforeMs) {
            due.add(entry.key);
        }
    }

    private void save(StudyReport current, StudyReport next) {
        String study = next.getStudyInstanceUid();
        Priors.compare(next, priors::get);
        reports.save(next);
        tally.move(current == null ? null : current.getStatus(), next.getStatus());
        if (next.getStatus() == ReportStatus.PRELIMINARY) {
            finalDue.put(study, next.getUpdatedAt().toEpochMilli());
        } else {
            finalDue.delete(study);
        }
        if (next.getStatus() == ReportStatus.FINAL || next.getStatus() == ReportStatus.AMENDED) {
            context.forward(new Record<>(Priors.key(next), next, context.currentSystemTimeMs()));
        }
    }

    private void rememberPositives(Finding finding) {
        for (LabelScore score : finding.getScores()) {
            if (score.getPositive()) {
                positiveImages.putIfAbsent(positiveKey(finding, score.getLabel()), context.currentSystemTimeMs());
            }
        }
    }

    private static String positiveKey(Finding finding, String label) {
        return finding.getStudyInstanceUid() + '/' + finding.getSopInstanceUid() + '/' + label;
    }

    private static void requireKey(Record<String, ?> record, String studyInstanceUid) {
        if (!studyInstanceUid.equals(record.key())) {
            throw new BadEventException("Key " + record.key() + " is not the StudyInstanceUID " + studyInstanceUid);
        }
    }

    private Instant now() {
        return Instant.ofEpochMilli(context.currentSystemTimeMs());
    }
}
