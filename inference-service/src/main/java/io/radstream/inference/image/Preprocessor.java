package io.radstream.inference.image;

import java.util.List;

import io.radstream.inference.model.ModelDescriptor;
import io.radstream.inference.model.ModelDescriptor.Input;

/**
 * Makes a model's input tensor from a decoded frame exactly as its descriptor says, in the order the
 * training code used: rescale (already applied by the decoder; undone when the model wants stored
 * values), MONOCHROME1 inversion, scaling (per-image min-max or window), resize, mean/std, channels.
 */
public final class Preprocessor {

    private Preprocessor() {
    }

    /** Height and width of the tensor the model gets for this frame. */
    public static int[] inputSize(ModelDescriptor model, DecodedImage image) {
        Input in = model.input();
        return in.fixedSize() ? new int[] {in.height(), in.width()} : new int[] {image.height(), image.width()};
    }

    /** CHW values for one batch item. */
    public static float[] toTensor(ModelDescriptor model, DecodedImage image) {
        Input in = model.input();
        float[] values = modalityValues(in, image);
        if (in.invertMonochrome1() && image.monochrome1()) {
            invert(values);
        }
        scale(in, values);
        int[] size = inputSize(model, image);
        float[] resized = Resize.bilinear(values, image.width(), image.height(), size[1], size[0]);
        return channels(in, resized);
    }

    private static float[] modalityValues(Input in, DecodedImage image) {
        float[] values = image.values().clone();
        if (!in.rescale() && (image.rescaleSlope() != 1 || image.rescaleIntercept() != 0)) {
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) ((values[i] - image.rescaleIntercept()) / image.rescaleSlope());
            }
        }
        return values;
    }

    private static void invert(float[] values) {
        float[] range = range(values);
        for (int i = 0; i < values.length; i++) {
            values[i] = range[0] + range[1] - values[i];
        }
    }

    private static void scale(Input in, float[] values) {
        if ("window".equalsIgnoreCase(in.scaling()) && in.window() != null) {
            double low = in.window().center() - in.window().width() / 2;
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) Math.min(1, Math.max(0, (values[i] - low) / in.window().width()));
            }
            return;
        }
        float[] range = range(values);
        float span = range[1] - range[0];
        for (int i = 0; i < values.length; i++) {
            values[i] = span > 0 ? (values[i] - range[0]) / span : 0f;
        }
    }

    private static float[] channels(Input in, float[] plane) {
        int channels = Math.max(1, in.channels());
        float[] out = new float[plane.length * channels];
        for (int c = 0; c < channels; c++) {
            double mean = pick(in.mean(), c, 0);
            double std = pick(in.std(), c, 1);
            for (int i = 0; i < plane.length; i++) {
                out[c * plane.length + i] = (float) ((plane[i] - mean) / std);
            }
        }
        return out;
    }

    private static double pick(List<Double> values, int channel, double fallback) {
        if (values == null || values.isEmpty()) {
            return fallback;
        }
        return values.get(Math.min(channel, values.size() - 1));
    }

    /** {min, max} of the values. */
    public static float[] range(float[] values) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return new float[] {min, max};
    }
}
