package io.radstream.results;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.radstream.schemas.events.ImageProgress;
import io.radstream.schemas.events.StudyReport;

/**
 * How far a study's analysis is: images known, images analysed (every routed model done, or the
 * image failed), and per model how many images were routed to it and how many it completed.
 */
public record StudyProgress(int imagesArrived, int imagesAnalyzed, Map<String, ModelProgress> models) {

    /** One model's share of the study. */
    public record ModelProgress(int routed, int completed) {
    }

    public static StudyProgress of(StudyReport report) {
        List<ImageProgress> images = report.getImages();
        Map<String, ModelProgress> models = new TreeMap<>();
        for (ImageProgress image : images) {
            if (image.getRoutedModels() != null) {
                image.getRoutedModels().forEach(model -> models.merge(model, new ModelProgress(1, 0), StudyProgress::sum));
            }
            image.getCompletedModels().forEach(model -> models.merge(model, new ModelProgress(0, 1), StudyProgress::sum));
        }
        int analyzed = (int) images.stream().filter(StudyProgress::complete).count();
        return new StudyProgress(images.size(), analyzed, models);
    }

    /** An image is analysed once every model it was routed to completed, or it failed. */
    public static boolean complete(ImageProgress image) {
        return image.getFailed()
                || image.getRoutedModels() != null && image.getCompletedModels().containsAll(image.getRoutedModels());
    }

    private static ModelProgress sum(ModelProgress a, ModelProgress b) {
        return new ModelProgress(a.routed() + b.routed(), a.completed() + b.completed());
    }
}
