package io.radstream.results;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

import io.radstream.schemas.events.Finding;
import io.radstream.schemas.events.FindingOutcome;
import io.radstream.schemas.events.Measurement;
import io.radstream.schemas.events.SeriesSlices;
import io.radstream.schemas.events.SliceArea;
import io.radstream.schemas.events.SliceGeometry;
import io.radstream.schemas.events.StudyReport;

/**
 * The lesion volume of a series of single-frame slices: every completed finding with slice geometry
 * and a lesion area in mm² is kept per (series, segmentation model) in the report's seriesSlices, and
 * the report's {@value #VOLUME} measurement of the series (mm³, with its seriesInstanceUid) is the
 * sum of slice areas times the slice spacing. It is present only while {@link SliceSpacing} finds the
 * spacing known and consistent, so it appears once the series is complete and is withdrawn if a
 * slice breaks the regular spacing. A redelivered slice replaces its earlier area.
 */
final class SeriesVolumes {

    static final String SLICE_AREA = "lesion_area";
    static final String VOLUME = "series_lesion_volume";

    private SeriesVolumes() {
    }

    static void fold(StudyReport report, Finding finding) {
        Double area = sliceArea(finding);
        if (area == null) {
            return;
        }
        SeriesSlices series = seriesOf(report, finding.getSeriesInstanceUid(), finding.getModel().getId());
        // Avro's decoded arrays do not support removal: the lists are rebuilt
        List<SliceArea> slices = new ArrayList<>(series.getSlices());
        slices.removeIf(slice -> slice.getSopInstanceUid().equals(finding.getSopInstanceUid()));
        series.setSlices(slices);
        slices.add(new SliceArea(finding.getSopInstanceUid(), area,
                SliceGeometry.newBuilder(finding.getSlice()).build()));
        refresh(report, finding.getSeriesInstanceUid());
    }

    /** Σ area × spacing of the series' slices, or empty while the spacing is unknown or inconsistent. */
    static OptionalDouble volumeMm3(SeriesSlices series) {
        OptionalDouble spacing = SliceSpacing.of(series.getSlices().stream().map(SliceArea::getGeometry).toList());
        if (spacing.isEmpty()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(series.getSlices().stream().mapToDouble(SliceArea::getAreaMm2).sum() * spacing.getAsDouble());
    }

    private static void refresh(StudyReport report, String seriesUid) {
        List<Measurement> measurements = new ArrayList<>(report.getMeasurements());
        measurements.removeIf(m -> VOLUME.equals(m.getName()) && seriesUid.equals(m.getSeriesInstanceUid()));
        report.setMeasurements(measurements);
        for (SeriesSlices series : report.getSeriesSlices()) {
            if (series.getSeriesInstanceUid().equals(seriesUid)) {
                volumeMm3(series).ifPresent(volume -> measurements.add(Measurement.newBuilder()
                        .setName(VOLUME).setValue(volume).setUnit("mm3").setSeriesInstanceUid(seriesUid).build()));
            }
        }
    }

    private static SeriesSlices seriesOf(StudyReport report, String seriesUid, String model) {
        for (SeriesSlices series : report.getSeriesSlices()) {
            if (series.getSeriesInstanceUid().equals(seriesUid) && series.getModel().equals(model)) {
                return series;
            }
        }
        SeriesSlices series = new SeriesSlices(seriesUid, model, new ArrayList<>());
        report.getSeriesSlices().add(series);
        return series;
    }

    /** The lesion area in mm² of a completed single-slice finding, else null. */
    private static Double sliceArea(Finding finding) {
        if (finding.getOutcome() != FindingOutcome.COMPLETED || finding.getSlice() == null || finding.getModel() == null) {
            return null;
        }
        return finding.getMeasurements().stream()
                .filter(m -> SLICE_AREA.equals(m.getName()) && "mm2".equals(m.getUnit()) && m.getSeriesInstanceUid() == null)
                .map(Measurement::getValue)
                .findFirst()
                .orElse(null);
    }
}
