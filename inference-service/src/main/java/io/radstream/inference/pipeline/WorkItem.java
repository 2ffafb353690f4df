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

    /** Frames a model of the given task looks at: every frame for classifiers, the middle frame otherwise. */
    List<DecodedImage> framesFor(String task) {
        return "classification".equals(task) ? frames : List.of(frames.get(frames.size() / 2));
    }
}
