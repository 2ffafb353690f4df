package io.radstream.inference.pipeline;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.radstream.inference.image.DecodedImage;
import io.radstream.schemas.events.ImageArrived;

/**
 * One arrived image, decoded, with the moment it was taken off its lane.
 *
 * @param frames    decoded frames (one for PNG/JPEG)
 * @param fetchMs   time to fetch the object
 * @param decodeMs  time to decode it
 * @param dequeued  epoch millis when the consumer handed it over
 */
record WorkItem(ConsumerRecord<String, byte[]> record, ImageArrived arrival, List<DecodedImage> frames, long fetchMs, long decodeMs, long dequeued) {

    /**
     * Frames a model of the given task looks at: every frame for classifiers; every frame for
     * segmentation of a multi-frame object whose slice spacing is known (a lesion volume); the middle
     * frame otherwise.
     */
    List<DecodedImage> framesFor(String task) {
        if ("classification".equals(task) || "segmentation".equals(task) && volumetric()) {
            return frames;
        }
        return List.of(frames.get(frames.size() / 2));
    }

    boolean volumetric() {
        return frames.size() > 1 && frames.get(0).sliceSpacingMm() != null;
    }
}
