package io.radstream.inference.model;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The {@code model.json} descriptor: the one contract between a trained ONNX CNN and RadStream
 * (format documented in {@code models/README.md}). Registering a model needs a descriptor, no code.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelDescriptor(String id, String version, String task, String onnx, String sha256,
                              boolean benchmarkOnly, String description, Input input, Routing routing,
                              Outputs outputs, Batching batching, Map<String, Object> evaluation) {

    public static final String CLASSIFICATION = "classification";
    public static final String SEGMENTATION = "segmentation";
    public static final String ENHANCEMENT = "enhancement";

    /**
     * How pixels become the input tensor. {@code shape} is NCHW with -1 for a dynamic dimension (the
     * batch, and height/width of fully convolutional models); it must agree with channels/height/width.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Input(String name, List<Long> shape, int channels, Integer height, Integer width, boolean rescale,
                        boolean invertMonochrome1, String scaling, Window window, List<Double> mean,
                        List<Double> std) {

        public boolean fixedSize() {
            return height != null && width != null;
        }

        /** The NCHW shape implied by channels/height/width, -1 where dynamic. */
        public List<Long> impliedShape() {
            return List.of(-1L, (long) channels, height == null ? -1L : height, width == null ? -1L : width);
        }
    }

    /** Window centre and width in modality units (HU for CT). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Window(double center, double width) {
    }

    /**
     * Which images the model is routed to: an empty or absent modality list routes nothing (e.g.
     * benchmark-only models); an empty body-part or format list accepts any.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Routing(List<String> modalities, List<String> bodyParts, List<String> formats) {

        public boolean matches(String modality, String bodyPart, String format) {
            return contains(modalities, modality)
                    && (isEmpty(bodyParts) || contains(bodyParts, bodyPart))
                    && (isEmpty(formats) || contains(formats, format));
        }

        private static boolean isEmpty(List<String> values) {
            return values == null || values.isEmpty();
        }

        private static boolean contains(List<String> allowed, String value) {
            return allowed != null && value != null && allowed.stream()
                    .anyMatch(a -> a.equalsIgnoreCase(value.trim()) || "*".equals(a));
        }
    }

    /** Names of the ONNX outputs and how to read them. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Outputs(String scores, String activation, String heatmap, String mask, String maskActivation,
                          Double maskThreshold, String image, List<Label> labels) {
    }

    /** One label: threshold chosen on validation data, urgency when positive. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Label(String name, String display, String snomed, double threshold, String urgency) {
    }

    /** Dynamic batching limits. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Batching(int maxBatchSize, int maxQueueDelayMs) {
    }

    public String taskName() {
        return task == null ? "" : task.toLowerCase(Locale.ROOT);
    }

    public int maxBatchSize() {
        return batching == null || batching.maxBatchSize() < 1 ? 1 : batching.maxBatchSize();
    }

    public int maxQueueDelayMs() {
        return batching == null ? 0 : Math.max(0, batching.maxQueueDelayMs());
    }
}
