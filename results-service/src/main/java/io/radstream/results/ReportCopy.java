package io.radstream.results;

import java.util.ArrayList;
import java.util.List;

import org.apache.avro.Schema;

import io.radstream.schemas.events.ImageProgress;
import io.radstream.schemas.events.LabelSummary;
import io.radstream.schemas.events.Measurement;
import io.radstream.schemas.events.PriorComparison;
import io.radstream.schemas.events.SeriesSlices;
import io.radstream.schemas.events.StudyReport;

/**
 * The next revision of a report starts as a copy of the current one, which stays unchanged: it is shared
 * with the report store and with interactive queries. A deep copy per event grows with the study (a
 * 300-slice CT series copied 300 images for each of its ~900 events), so this copy shares what folding
 * never changes in place — the images until one is {@linkplain #editableImage made editable}, finding ids,
 * model references and slice areas — in new lists, and deep-copies the few per-label, measurement, series
 * and prior records that folding updates.
 */
final class ReportCopy {

    private ReportCopy() {
    }

    static StudyReport of(StudyReport report) {
        StudyReport next = new StudyReport();
        for (Schema.Field field : StudyReport.getClassSchema().getFields()) {
            next.put(field.pos(), report.get(field.pos()));
        }
        next.setImages(new ArrayList<>(report.getImages()));
        next.setFindingIds(new ArrayList<>(report.getFindingIds()));
        next.setModels(new ArrayList<>(report.getModels()));
        next.setLabels(new ArrayList<>(report.getLabels().stream().map(l -> LabelSummary.newBuilder(l).build()).toList()));
        next.setMeasurements(new ArrayList<>(report.getMeasurements().stream().map(m -> Measurement.newBuilder(m).build()).toList()));
        next.setSeriesSlices(new ArrayList<>(report.getSeriesSlices().stream().map(ReportCopy::sharingSlices).toList()));
        next.setPrior(report.getPrior() == null ? null : PriorComparison.newBuilder(report.getPrior()).build());
        return next;
    }

    /** The copy's image at {@code index}, replaced by its own copy so that it may be changed. */
    static ImageProgress editableImage(StudyReport copy, int index) {
        List<ImageProgress> images = copy.getImages();
        ImageProgress editable = ImageProgress.newBuilder(images.get(index)).build();
        images.set(index, editable);
        return editable;
    }

    /** Folding replaces a series' slice list rather than changing it, so the list itself is shared. */
    private static SeriesSlices sharingSlices(SeriesSlices series) {
        return new SeriesSlices(series.getSeriesInstanceUid(), series.getModel(), series.getSlices());
    }
}
