package io.radstream.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Options of {@code ./radstream bench inference} ({@code --name value}); counts are parameters so the
 * run stays a few minutes on a small machine and can be scaled up on a big one.
 */
record BenchOptions(Path root, List<String> models, String latencyModel, int images, int heavyImages, int rawImages,
                    int heavyRawImages, List<Integer> batchSizes, int backlog, int statImages, String device, Path out) {

    private static final String HEAVY = "densenet121-cxr";

    static BenchOptions parse(String[] args) {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value, got " + args[i]);
            }
            a.put(args[i].substring(2), args[i + 1]);
        }
        Path root = Path.of(a.getOrDefault("root", ".")).toAbsolutePath().normalize();
        return new BenchOptions(root,
                List.of(a.getOrDefault("models", HEAVY + ",cxr-triage").split(",")),
                a.getOrDefault("latency-model", "cxr-triage"),
                Integer.parseInt(a.getOrDefault("images", "600")),
                Integer.parseInt(a.getOrDefault("heavy-images", "48")),
                Integer.parseInt(a.getOrDefault("raw-images", "400")),
                Integer.parseInt(a.getOrDefault("heavy-raw-images", "48")),
                Arrays.stream(a.getOrDefault("batch-sizes", "1,2,4,8,16").split(",")).map(Integer::valueOf).toList(),
                Integer.parseInt(a.getOrDefault("backlog", "1000")),
                Integer.parseInt(a.getOrDefault("stat", "20")),
                a.getOrDefault("device", "cpu"),
                root.resolve(a.getOrDefault("out", "target/bench/inference.json")));
    }

    /** CUDA device index for the raw loop, -1 for the CPU. */
    int cudaIndex() {
        return device.startsWith("cuda:") ? Integer.parseInt(device.substring(5)) : -1;
    }

    Path modelsDir() {
        return root.resolve("models");
    }

    /**
     * The chest radiographs platform images are, in turn (real PNGs, fetched, decoded and preprocessed every
     * time): one normal, one with a pneumothorax (a positive finding also writes its heatmap PNG to S3).
     */
    List<Path> samples() {
        return List.of(root.resolve("samples/cxr-normal.png"), root.resolve("samples/cxr-pneumothorax.png"));
    }

    int imagesFor(String model) {
        return model.equals(HEAVY) ? heavyImages : images;
    }

    int rawImagesFor(String model) {
        return model.equals(HEAVY) ? heavyRawImages : rawImages;
    }

    Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("images", images);
        d.put("heavy_images", heavyImages);
        d.put("raw_images", rawImages);
        d.put("heavy_raw_images", heavyRawImages);
        d.put("batch_sizes", batchSizes);
        d.put("backlog", backlog);
        d.put("stat_images", statImages);
        d.put("device", device);
        return d;
    }
}
