package io.radstream.inference.pipeline;

import java.util.List;

import io.radstream.inference.image.DecodedImage;
import io.radstream.inference.model.ModelDescriptor;
import io.radstream.inference.scheduler.BatchScheduler;
import io.radstream.schemas.events.Priority;

/** One decoded image for one routed model, waiting for a batch. */
record ModelJob(ImageTask task, WorkItem item, ModelDescriptor descriptor, List<String> routed)
        implements BatchScheduler.Job {

    @Override
    public String model() {
        return descriptor.id();
    }

    @Override
    public Priority priority() {
        return task.priority();
    }

    @Override
    public int frames() {
        return inputs().size();
    }

    /** The frames this model looks at. */
    List<DecodedImage> inputs() {
        return item.framesFor(descriptor.taskName());
    }
}
