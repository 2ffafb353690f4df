package io.radstream.inference.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.radstream.inference.image.DecodedImage;
import io.radstream.inference.image.Preprocessor;
import io.radstream.inference.image.Resize;
import io.radstream.inference.model.ModelDescriptor;
import io.radstream.inference.model.ModelDescriptor.Label;
import io.radstream.inference.model.Tensor;
import io.radstream.schemas.events.LabelScore;
import io.radstream.schemas.events.Measurement;
import io.radstream.schemas.events.Urgency;

/** Reads model outputs as the descriptor declares them: label probabilities, CAM heatmaps, masks, images. */
final class OutputReader {

    private OutputReader() {
    }

    /** Probability of every label, the maximum over frames; {@code bestFrame[l]} tells which frame gave it. */
    static List<LabelScore> classify(ModelDescriptor model, List<Map<String, Tensor>> frames, int[] bestFrame) {
        List<Label> labels = model.outputs().labels();
        double[] best = new double[labels.size()];
        java.util.Arrays.fill(best, -1);
        for (int f = 0; f < frames.size(); f++) {
            float[] raw = output(frames.get(f), model.outputs().scores()).data();
            double[] probabilities = activate(raw, model.outputs().activation());
            for (int l = 0; l < labels.size(); l++) {
                if (probabilities[l] > best[l]) {
                    best[l] = probabilities[l];
                    bestFrame[l] = f;
                }
            }
        }
        List<LabelScore> scores = new ArrayList<>();
        for (int l = 0; l < labels.size(); l++) {
            scores.add(score(labels.get(l), best[l]));
        }
        return scores;
    }

    static LabelScore score(Label label, double probability) {
        return LabelScore.newBuilder().setLabel(label.name())
                .setDisplay(label.display() == null ? label.name() : label.display()).setCode(label.snomed())
                .setScore(probability).setThreshold(label.threshold()).setPositive(probability >= label.threshold())
                .setUrgency(Urgency.valueOf(label.urgency() == null ? "ROUTINE" : label.urgency())).build();
    }

    /** The CAM of one label, upsampled to the frame and scaled to [0,1]. */
    static float[] heatmap(Tensor cam, int label, DecodedImage frame) {
        int h = cam.dim(2);
        int w = cam.dim(3);
        float[] plane = java.util.Arrays.copyOfRange(cam.data(), label * h * w, (label + 1) * h * w);
        return unit(Resize.bilinear(plane, w, h, frame.width(), frame.height()));
    }

    /** Mask probabilities of a segmentation output (activation applied), model resolution. */
    static float[] maskProbabilities(ModelDescriptor model, Tensor mask) {
        double[] p = activate(mask.data(), model.outputs().maskActivation());
        float[] out = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = (float) p[i];
        }
        return out;
    }

    /** Lesion area from a mask at model resolution, in mm² when Pixel Spacing is known, else in pixels. */
    static Measurement area(float[] probabilities, double threshold, ModelDescriptor model, DecodedImage frame) {
        int[] size = Preprocessor.inputSize(model, frame);
        long count = 0;
        for (float p : probabilities) {
            if (p >= threshold) {
                count++;
            }
        }
        double pixelsPerMaskPixel = ((double) frame.height() / size[0]) * ((double) frame.width() / size[1]);
        double sourcePixels = count * pixelsPerMaskPixel;
        double[] spacing = frame.pixelSpacingMm();
        if (spacing != null && spacing.length == 2) {
            return measurement("lesion_area", sourcePixels * spacing[0] * spacing[1], "mm2");
        }
        return measurement("lesion_area_pixels", sourcePixels, "1");
    }

    /**
     * Several slices in mm² with a known spacing: the lesion volume in mm³ (sum of slice areas times the
     * spacing). Nothing for a single slice: results sums a series' single-frame slices (Finding.slice).
     */
    static java.util.Optional<Measurement> volume(List<Measurement> sliceAreas, Double sliceSpacingMm) {
        if (sliceSpacingMm == null || sliceAreas.size() < 2
                || !sliceAreas.stream().allMatch(a -> "mm2".equals(a.getUnit()))) {
            return java.util.Optional.empty();
        }
        double sum = sliceAreas.stream().mapToDouble(Measurement::getValue).sum();
        return java.util.Optional.of(measurement("lesion_volume", sum * sliceSpacingMm, "mm3"));
    }

    /** A measurement of one image (no series). */
    static Measurement measurement(String name, double value, String unit) {
        return Measurement.newBuilder().setName(name).setValue(value).setUnit(unit).build();
    }

    /** An enhancement output mapped back from the model's normalisation to [0,1]. */
    static float[] enhanced(ModelDescriptor model, Tensor image) {
        double mean = model.input().mean() == null || model.input().mean().isEmpty() ? 0 : model.input().mean().get(0);
        double std = model.input().std() == null || model.input().std().isEmpty() ? 1 : model.input().std().get(0);
        float[] out = new float[image.data().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (image.data()[i] * std + mean);
        }
        return out;
    }

    static Tensor output(Map<String, Tensor> outputs, String name) {
        Tensor t = outputs.get(name);
        if (t == null) {
            throw new IllegalStateException("Model has no output named '" + name + "' (outputs: " + outputs.keySet() + ")");
        }
        return t;
    }

    private static double[] activate(float[] raw, String activation) {
        double[] out = new double[raw.length];
        String a = activation == null ? "none" : activation.toLowerCase();
        if (a.equals("softmax")) {
            double max = Double.NEGATIVE_INFINITY;
            for (float v : raw) {
                max = Math.max(max, v);
            }
            double sum = 0;
            for (int i = 0; i < raw.length; i++) {
                out[i] = Math.exp(raw[i] - max);
                sum += out[i];
            }
            for (int i = 0; i < raw.length; i++) {
                out[i] /= sum;
            }
            return out;
        }
        for (int i = 0; i < raw.length; i++) {
            out[i] = a.equals("sigmoid") ? 1 / (1 + Math.exp(-raw[i])) : raw[i];
        }
        return out;
    }

    private static float[] unit(float[] values) {
        float[] range = new float[] {Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
        for (float v : values) {
            range[0] = Math.min(range[0], v);
            range[1] = Math.max(range[1], v);
        }
        float span = range[1] - range[0];
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = span > 0 ? (values[i] - range[0]) / span : 0;
        }
        return out;
    }
}
