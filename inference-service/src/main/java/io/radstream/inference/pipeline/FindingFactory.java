package io.radstream.inference.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.DoubleStream;

import io.radstream.inference.image.DecodedImage;
import io.radstream.inference.image.SlicePlane;
import io.radstream.inference.model.ModelDescriptor;
import io.radstream.inference.model.OrtModel;
import io.radstream.inference.model.Tensor;
import io.radstream.schemas.events.Artifact;
import io.radstream.schemas.events.ArtifactKind;
import io.radstream.schemas.events.Finding;
import io.radstream.schemas.events.FindingOutcome;
import io.radstream.schemas.events.ImageArrived;
import io.radstream.schemas.events.LabelScore;
import io.radstream.schemas.events.Measurement;
import io.radstream.schemas.events.ModelRef;
import io.radstream.schemas.events.SliceGeometry;
import io.radstream.schemas.events.Timings;
import io.radstream.schemas.events.Urgency;

/** Turns model outputs into {@link Finding}s with deterministic ids, writing derived images on the way. */
final class FindingFactory {

    private final ArtifactStore artifacts;

    FindingFactory(ArtifactStore artifacts) {
        this.artifacts = artifacts;
    }

    Finding completed(WorkItem item, OrtModel model, List<String> routed, List<Map<String, Tensor>> outputs,
                      Timings timings) {
        ModelDescriptor d = model.descriptor();
        List<DecodedImage> frames = item.framesFor(d.taskName());
        List<LabelScore> scores = new ArrayList<>();
        List<Measurement> measurements = new ArrayList<>();
        List<Artifact> written = new ArrayList<>();
        switch (d.taskName()) {
            case ModelDescriptor.CLASSIFICATION -> classification(item, d, frames, outputs, scores, written);
            case ModelDescriptor.SEGMENTATION -> segmentation(item, d, frames, outputs, scores, measurements, written);
            default -> written.add(artifacts.write(item.arrival(), d, ArtifactKind.ENHANCED, null, PngWriter.grey(
                    OutputReader.enhanced(d, OutputReader.output(outputs.get(0), d.outputs().image())),
                    frames.get(0).width(), frames.get(0).height())));
        }
        return base(item.arrival(), routed, FindingOutcome.COMPLETED, findingId(item.arrival(), d)).setModel(modelRef(d))
                .setDevice(model.device()).setScores(scores).setUrgent(isUrgent(scores)).setMeasurements(measurements)
                .setArtifacts(written).setTimings(timings).setSlice(sliceOf(item)).build();
    }

    /** Where a single-frame image lies in its series (results sums a series volume from it), else null. */
    static SliceGeometry sliceOf(WorkItem item) {
        SlicePlane plane = item.frames().size() == 1 ? item.frames().get(0).plane() : null;
        if (plane == null) {
            return null;
        }
        double[] normal = plane.normal();
        return SliceGeometry.newBuilder().setLocationMm(plane.locationMm())
                .setNormal(normal == null ? List.of() : DoubleStream.of(normal).boxed().toList())
                .setSpacingBetweenSlicesMm(plane.spacingBetweenSlicesMm())
                .setSliceThicknessMm(plane.sliceThicknessMm()).build();
    }

    Finding notRouted(ImageArrived arrival) {
        return base(arrival, List.of(), FindingOutcome.NOT_ROUTED, findingId(arrival, null)).setTimings(new Timings())
                .build();
    }

    /** The image (model == null) or one model on it failed; the image went to the dead-letter topic. */
    Finding failed(ImageArrived arrival, List<String> routed, ModelDescriptor model, String error) {
        return base(arrival, routed, FindingOutcome.FAILED, findingId(arrival, model))
                .setModel(model == null ? null : modelRef(model)).setTimings(new Timings()).setError(error).build();
    }

    private void classification(WorkItem item, ModelDescriptor d, List<DecodedImage> frames,
                                List<Map<String, Tensor>> outputs, List<LabelScore> scores, List<Artifact> written) {
        int[] bestFrame = new int[d.outputs().labels().size()];
        scores.addAll(OutputReader.classify(d, outputs, bestFrame));
        if (d.outputs().heatmap() == null) {
            return;
        }
        Map<Integer, float[]> displayed = new java.util.HashMap<>(); // one display image per frame, however many labels
        for (int l = 0; l < scores.size(); l++) {
            if (scores.get(l).getPositive()) {
                DecodedImage frame = frames.get(bestFrame[l]);
                float[] heat = OutputReader.heatmap(OutputReader.output(outputs.get(bestFrame[l]), d.outputs().heatmap()), l,
                        frame);
                float[] grey = displayed.computeIfAbsent(bestFrame[l], f -> display(frame));
                byte[] png = PngWriter.overlay(grey, heat, frame.width(), frame.height());
                written.add(artifacts.write(item.arrival(), d, ArtifactKind.HEATMAP, scores.get(l).getLabel(), png));
            }
        }
    }

    /**
     * Lesion area (mm² when Pixel Spacing is known) and mask of the slice with the largest lesion; with
     * several slices of known spacing also the lesion volume (mm³).
     */
    private void segmentation(WorkItem item, ModelDescriptor d, List<DecodedImage> frames,
                              List<Map<String, Tensor>> outputs, List<LabelScore> scores, List<Measurement> measurements,
                              List<Artifact> written) {
        double threshold = d.outputs().maskThreshold() == null ? 0.5 : d.outputs().maskThreshold();
        List<Measurement> areas = new ArrayList<>();
        List<float[]> probabilities = new ArrayList<>();
        int largest = 0;
        double max = 0;
        for (int f = 0; f < frames.size(); f++) {
            probabilities.add(OutputReader.maskProbabilities(d, OutputReader.output(outputs.get(f), d.outputs().mask())));
            areas.add(OutputReader.area(probabilities.get(f), threshold, d, frames.get(f)));
            largest = areas.get(f).getValue() > areas.get(largest).getValue() ? f : largest;
            for (float p : probabilities.get(f)) {
                max = Math.max(max, p);
            }
        }
        measurements.add(areas.get(largest));
        OutputReader.volume(areas, frames.get(0).sliceSpacingMm()).ifPresent(measurements::add);
        if (!d.outputs().labels().isEmpty()) {
            scores.add(OutputReader.score(d.outputs().labels().get(0), max));
        }
        Tensor mask = OutputReader.output(outputs.get(largest), d.outputs().mask());
        float[] binary = new float[probabilities.get(largest).length];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = probabilities.get(largest)[i] >= threshold ? 1 : 0;
        }
        written.add(artifacts.write(item.arrival(), d, ArtifactKind.MASK, null,
                PngWriter.grey(binary, mask.dim(3), mask.dim(2))));
    }

    private static float[] display(DecodedImage frame) {
        float[] range = io.radstream.inference.image.Preprocessor.range(frame.values());
        float span = range[1] - range[0];
        float[] out = new float[frame.values().length];
        for (int i = 0; i < out.length; i++) {
            float v = span > 0 ? (frame.values()[i] - range[0]) / span : 0;
            out[i] = frame.monochrome1() ? 1 - v : v;
        }
        return out;
    }

    private static Finding.Builder base(ImageArrived a, List<String> routed, FindingOutcome outcome, String id) {
        return Finding.newBuilder().setFindingId(id).setTenant(a.getTenant())
                .setStudyInstanceUid(a.getStudyInstanceUid()).setSeriesInstanceUid(a.getSeriesInstanceUid())
                .setSopInstanceUid(a.getSopInstanceUid()).setPatientKey(a.getPatientKey()).setModality(a.getModality())
                .setBodyPart(a.getBodyPart()).setPriority(a.getPriority()).setOutcome(outcome).setRoutedModels(routed)
                .setImageReceivedAt(a.getReceivedAt()).setProducedAt(Instant.now());
    }

    static String findingId(ImageArrived a, ModelDescriptor model) {
        String name = String.join("|", a.getTenant(), a.getSopInstanceUid(), a.getObject().getSha256(),
                model == null ? "-" : model.id(), model == null ? "-" : model.version());
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static ModelRef modelRef(ModelDescriptor d) {
        return ModelRef.newBuilder().setId(d.id()).setVersion(d.version()).setSha256(d.sha256()).setTask(d.taskName())
                .build();
    }

    private static boolean isUrgent(List<LabelScore> scores) {
        return scores.stream().anyMatch(s -> s.getPositive() && s.getUrgency() != Urgency.ROUTINE);
    }
}
